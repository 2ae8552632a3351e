import type { OpenSearchClient } from '../client/create-client.ts';
import { judgeEventTime, type EventWindowOptions } from '../record/event-window.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { Period } from '../record/index-period.ts';
import { creationFailure, type IndexReadiness } from './index-readiness.ts';
import { createLogIndexCreation } from './log-index-creation.ts';
import { createRefusalMemory } from './refusal-memory.ts';
import { createShardHeadroom } from './shard-headroom.ts';

export interface LogIndexEnsurer {
  /** Creates the log index of `period` unless it is known to exist. Safe under races; throws what the cluster answered. */
  ensure(period: Period): Promise<string>;
  /**
   * Like `ensure`, with the shipper's rules, and never throws: outside the window (when one is
   * given) no index is created; with a shard reserve, none that would take the cluster's last
   * shards; a refusal is remembered for `refusalMemoryMs`, so its records do not storm the cluster.
   */
  prepare(period: Period): Promise<IndexReadiness>;
  /** Forgets that an index exists (after it was deleted), so the next write creates it again. */
  forget(index: string): void;
}

export interface LogIndexEnsurerOptions {
  /** Periods outside this window get no index (`event_time_expired`); default: every period. */
  readonly window?: EventWindowOptions;
  /** Checks shard headroom before creating, keeping this share of capacity free (0.05); default: no check. */
  readonly shardReserveFraction?: number;
  /** Default 60 000 ms. */
  readonly refusalMemoryMs?: number;
  /** Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Log indices are created before the first write to them, with `index.creation_date` set to the
 * start of their period, so lifecycle ages follow event time. A template cannot set a per-index
 * date, and automatic creation is off for the log pattern, so this is the only way they appear.
 */
export function createLogIndexEnsurer(
  client: OpenSearchClient,
  names: IndexNames,
  options: LogIndexEnsurerOptions = {},
): LogIndexEnsurer {
  const now = options.now ?? Date.now;
  const headroom =
    options.shardReserveFraction === undefined
      ? null
      : createShardHeadroom(client, names, { reserveFraction: options.shardReserveFraction, now });
  const creation = createLogIndexCreation(client, names);
  const refusals = createRefusalMemory(now, options.refusalMemoryMs ?? 60_000);

  /** A full cluster refuses a new index, not one that exists already (this process may not know it yet). */
  async function exists(index: string): Promise<boolean> {
    const { body } = await client.indices.exists({ index } as never);
    return body as unknown as boolean;
  }

  async function prepare(period: Period): Promise<IndexReadiness> {
    const index = names.logIndex(period);
    if (creation.isKnown(index)) return { ok: true, index };
    const remembered = refusals.recall(index);
    if (remembered) return remembered;
    const outside = options.window && outsideWindow(index, period, now(), options.window);
    if (outside) return outside;
    try {
      if (headroom && !creation.isCreating(index)) {
        const verdict = await headroom.check(index);
        if (!verdict.ok && verdict.kind === 'unreachable')
          return { ok: false, kind: 'retry', cause: 'connection', reason: verdict.reason };
        if (!verdict.ok && !(await exists(index)))
          return refusals.remember(index, {
            ok: false,
            kind: 'refused',
            code: 'no_shard_headroom',
            reason: verdict.reason,
          });
      }
      return { ok: true, index: await creation.ensure(period) };
    } catch (error) {
      const failure = creationFailure(index, error);
      return failure.kind === 'refused' ? refusals.remember(index, failure) : failure;
    }
  }

  return { ensure: creation.ensure, prepare, forget: creation.forget };
}

/** A period past the delete horizon, or one that has not begun (beyond the clock skew), gets no index. */
export function outsideWindow(
  index: string,
  period: Period,
  now: number,
  window: EventWindowOptions,
): IndexReadiness | undefined {
  if (judgeEventTime(period.start.getTime(), now, window) === 'expired') {
    return {
      ok: false,
      kind: 'refused',
      code: 'event_time_expired',
      reason: `${index} holds a period past the ${window.deleteDays}-day delete horizon`,
    };
  }
  if (period.start.getTime() > now + window.clockSkewMs) {
    return { ok: false, kind: 'refused', code: 'index_refused', reason: `${index} holds a period that has not begun` };
  }
  return undefined;
}
