import type { BulkEntry } from './bulk-entry.ts';
import type { DeliveryContext } from './deliver-batch.ts';
import type { Waiting } from './prepare-indices.ts';
import { sendBulk, type BulkOutcome, type Rejection } from './send-bulk.ts';

export interface Round {
  /** Entries to send again after a backoff, grouped by why. */
  readonly waiting: Waiting[];
  /** Entries to send again at once: their index was recreated, or refused fields were moved under `details`. */
  readonly quick: BulkEntry[];
  /** Halves of a body the cluster found too large, to deliver one after the other. */
  readonly split: BulkEntry[][];
  readonly retryAfterMs?: number;
}

type ItemOutcomes = Extract<BulkOutcome, { kind: 'items' }>;

/**
 * One attempt at a set of entries: prepare their indices, send those that are ready, and settle
 * each entry that reached an end (delivered or dead-lettered). `quickAllowed` false: strict-field
 * refusals are final (`mapping`) and vanished indices wait for a backoff.
 */
export async function deliverRound(
  ctx: DeliveryContext,
  pending: readonly BulkEntry[],
  quickAllowed: boolean,
): Promise<Round> {
  const prepared = await ctx.destination.prepare(pending);
  if (prepared.refused.length > 0) ctx.rejected(prepared.refused);
  const round = { waiting: prepared.waiting, quick: [] as BulkEntry[], split: [] as BulkEntry[][] };
  if (prepared.ready.length === 0) return round;

  const ready = prepared.ready.map((entry) => ctx.destination.adapt(entry));
  const started = ctx.clock.now();
  const outcome = await sendBulk(ctx.client, ready, ctx.options.requestTimeoutMs);
  ctx.metrics.batch(ready.length, (ctx.clock.now() - started) / 1000);

  switch (outcome.kind) {
    case 'items':
      settleItems(ctx, ready, outcome, quickAllowed, round);
      retryItems(ctx, outcome, quickAllowed, round);
      return round;
    case 'too-large':
      splitOrReject(ctx, ready, round);
      return round;
    case 'refused':
      ctx.rejected(
        ready.map((entry) => ({
          entry,
          code: 'refused',
          status: outcome.status,
          type: `http_${outcome.status}`,
          reason: outcome.reason,
        })),
      );
      return round;
    case 'unavailable':
    case 'throttled':
      round.waiting.push({
        entries: ready,
        cause: outcome.kind === 'throttled' ? 'throttled' : 'connection',
        reason: outcome.reason,
      });
      return outcome.retryAfterMs === undefined ? round : { ...round, retryAfterMs: outcome.retryAfterMs };
  }
}

/**
 * Ends the items that reached an end: delivered ones, and refused ones as dead letters, except a
 * record refused for a top-level field the strict mapping lacks, which goes again at once with that
 * field under `details` (once the destination has learned it, and while quick rounds are allowed).
 */
function settleItems(
  ctx: DeliveryContext,
  ready: readonly BulkEntry[],
  outcome: ItemOutcomes,
  quickAllowed: boolean,
  round: Round,
): void {
  const unsettled = new Set<BulkEntry>([
    ...outcome.retry,
    ...outcome.missingIndex,
    ...outcome.rejected.map((r) => r.entry),
  ]);
  if (unsettled.size < ready.length)
    ctx.delivered(unsettled.size === 0 ? ready : ready.filter((e) => !unsettled.has(e)));
  const final: Rejection[] = [];
  for (const rejection of outcome.rejected) {
    const field = rejection.strictField;
    if (
      field !== undefined &&
      field !== 'details' &&
      quickAllowed &&
      ctx.destination.learn(rejection.entry.index, field)
    ) {
      round.quick.push(rejection.entry);
    } else final.push(rejection);
  }
  if (final.length > 0) ctx.rejected(final);
}

/**
 * Sends the items that may still succeed on their way: those whose index vanished go again at once
 * (it is recreated), or after a backoff once quick rounds are used up; 429 and 5xx items wait,
 * grouped by cause, since a busy cluster is waited for longer than a failing one.
 */
function retryItems(ctx: DeliveryContext, outcome: ItemOutcomes, quickAllowed: boolean, round: Round): void {
  for (const entry of outcome.missingIndex) ctx.destination.forget(entry.index);
  if (quickAllowed) round.quick.push(...outcome.missingIndex);
  else if (outcome.missingIndex.length > 0)
    round.waiting.push({ entries: outcome.missingIndex, cause: 'transient', reason: 'its index vanished again' });
  const throttled = outcome.retry.filter((e) => outcome.throttled.has(e));
  const failing = outcome.retry.filter((e) => !outcome.throttled.has(e));
  if (throttled.length > 0)
    round.waiting.push({ entries: throttled, cause: 'throttled', reason: `${throttled.length} item(s) answered 429` });
  if (failing.length > 0)
    round.waiting.push({ entries: failing, cause: 'transient', reason: `${failing.length} item(s) answered 5xx` });
}

/** A body the cluster finds too large is halved; a single record that is too large on its own is a dead letter. */
function splitOrReject(ctx: DeliveryContext, ready: readonly BulkEntry[], round: Round): void {
  if (ready.length === 1) {
    ctx.rejected([
      {
        entry: ready[0]!,
        code: 'too_large',
        status: 413,
        type: 'request_entity_too_large',
        reason: 'the record alone exceeds the request size the cluster accepts',
      },
    ]);
  } else {
    const half = Math.ceil(ready.length / 2);
    round.split.push(ready.slice(0, half), ready.slice(half));
  }
}
