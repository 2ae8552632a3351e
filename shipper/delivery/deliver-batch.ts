import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { ShipperMetrics } from '../metrics/shipper-metrics.ts';
import { backoffDelay } from './backoff.ts';
import type { BulkEntry } from './bulk-entry.ts';
import { sleep, type Clock } from '../../opensearch/shared/clock.ts';
import { deliverRound } from './deliver-round.ts';
import type { Destination } from './destination.ts';
import type { Rejection } from './send-bulk.ts';

export interface DeliveryContext {
  readonly client: OpenSearchClient;
  readonly destination: Destination;
  readonly clock: Clock;
  readonly random: () => number;
  readonly metrics: ShipperMetrics;
  readonly options: {
    requestTimeoutMs: number;
    retryDeadlineMs: number;
    initialBackoffMs: number;
    maxBackoffMs: number;
  };
  delivered(entries: readonly BulkEntry[]): void;
  rejected(rejections: readonly Rejection[]): void;
  /** The entries could not be delivered in time or the cluster is down: keep them on disk (or drop them). */
  setAside(entries: readonly BulkEntry[], reason: string): void;
  /** The cluster is down: from now on batches go to the spool until the write probe answers. */
  outage(reason: string): void;
  isOutage(): boolean;
  isClosing(): boolean;
  retrying(count: number, reason: string): void;
}

/** Immediate resends (a deleted index recreated, fields moved under `details`) a batch may take before it backs off. */
const QUICK_ROUNDS = 8;

/**
 * Delivers one batch, never throwing. Each round prepares the period indices and sends; every
 * entry then ends delivered, dead-lettered with its reason code, resent at once, or waiting:
 * - connection errors, timeouts and whole-request 5xx: backoff; two in a row start an outage,
 *   and the batch goes to the spool;
 * - 429 (whole request or item): backoff in memory, honouring `Retry-After`, for as long as the
 *   cluster asks; never spooled, never an outage;
 * - item 5xx and index-creation 5xx: backoff until the batch's deadline, then the spool.
 * A failure that concerns one index or one record holds up nothing else in the batch.
 */
export async function deliverBatch(ctx: DeliveryContext, batch: readonly BulkEntry[]): Promise<void> {
  const deadline = ctx.clock.now() + ctx.options.retryDeadlineMs;
  let pending: readonly BulkEntry[] = batch;
  let attempt = 0;
  let connectionFailures = 0;
  let quickRounds = 0;

  while (pending.length > 0) {
    if (ctx.isOutage()) return ctx.setAside(pending, 'outage');
    const quickAllowed = quickRounds < QUICK_ROUNDS;
    const round = await deliverRound(ctx, pending, quickAllowed);
    for (const part of round.split) await deliverBatch(ctx, part);
    const { waiting, quick } = round;
    if (waiting.length === 0) {
      quickRounds++;
      pending = quick;
      continue;
    }
    if (quick.length > 0)
      waiting.push({ entries: quick, cause: 'transient', reason: 'resent after its index was recreated' });

    connectionFailures = waiting.some((w) => w.cause === 'connection') ? connectionFailures + 1 : 0;
    const reason = (waiting.find((w) => w.cause === 'connection') ?? waiting[0]!).reason;
    const all = waiting.flatMap((w) => w.entries);
    // Two connection failures in a row: the cluster is down, not busy. Stop sending and spool.
    if (connectionFailures >= 2) {
      ctx.outage(reason);
      return ctx.setAside(all, `outage: ${reason}`);
    }
    if (ctx.isClosing()) return ctx.setAside(all, `closing: ${reason}`);
    const delay = backoffDelay(++attempt, ctx.options, ctx.random, round.retryAfterMs);
    let next = all;
    if (ctx.clock.now() + delay > deadline) {
      // Throttled records wait in memory as long as the cluster asks; the queue's bounds still
      // hold meanwhile (overflow spills to disk). Records that kept failing go to disk now.
      ctx.setAside(
        waiting.filter((w) => w.cause !== 'throttled').flatMap((w) => w.entries),
        `retry deadline passed: ${reason}`,
      );
      next = waiting.filter((w) => w.cause === 'throttled').flatMap((w) => w.entries);
      if (next.length === 0) return;
    }
    ctx.retrying(next.length, reason);
    await sleep(ctx.clock, delay);
    pending = next;
  }
}
