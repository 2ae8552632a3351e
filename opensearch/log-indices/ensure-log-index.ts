import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { Period } from '../record/index-period.ts';
import { judgeEventTime, type EventWindowOptions } from '../record/event-window.ts';
import { ismPolicyId } from '../lifecycle-policy/ism-policy-id.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import { errorStatus } from '../shared/response-errors.ts';
import { creationFailure, type IndexReadiness } from './index-readiness.ts';
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
  const memoryMs = options.refusalMemoryMs ?? 60_000;
  const headroom =
    options.shardReserveFraction === undefined
      ? null
      : createShardHeadroom(client, names, { reserveFraction: options.shardReserveFraction, now });
  const known = new Set<string>();
  const inFlight = new Map<string, Promise<string>>();
  const refusals = new Map<string, { until: number; readiness: IndexReadiness }>();
  let ismInCharge: Promise<boolean> | null = null;

  async function create(index: string, period: Period): Promise<string> {
    try {
      await client.indices.create({
        index,
        body: { settings: { index: { creation_date: period.start.getTime() } } },
        wait_for_active_shards: '1',
      } as never);
      // ISM's ism_template only attaches to indices created after the policy, judged by
      // creation_date, which is back-dated here: where ISM runs retention, attach explicitly.
      ismInCharge ??= readSetupMetadata(client, names.meta).then(
        (m) => m?.executors.retention === 'ism',
        () => false,
      );
      if (await ismInCharge) {
        await client.transport
          .request({
            method: 'POST',
            path: `/_plugins/_ism/add/${encodeURIComponent(index)}`,
            body: { policy_id: ismPolicyId(names.prefix) },
          } as never)
          .catch(() => {}); // `synclog retention verify` reports an index left unmanaged
      }
    } catch (error) {
      // Several producers create the same new period at once: the first wins, the rest are fine.
      if (errorStatus(error).type !== 'resource_already_exists_exception') throw error;
    }
    known.add(index);
    return index;
  }

  function ensure(period: Period): Promise<string> {
    const index = names.logIndex(period);
    if (known.has(index)) return Promise.resolve(index);
    let pending = inFlight.get(index);
    if (!pending) {
      pending = create(index, period).finally(() => inFlight.delete(index));
      inFlight.set(index, pending);
    }
    return pending;
  }

  /** A full cluster refuses a new index, not one that exists already (this process may not know it yet). */
  async function exists(index: string): Promise<boolean> {
    const { body } = await client.indices.exists({ index } as never);
    return body as unknown as boolean;
  }

  async function prepare(period: Period): Promise<IndexReadiness> {
    const index = names.logIndex(period);
    if (known.has(index)) return { ok: true, index };
    const remembered = refusals.get(index);
    if (remembered && remembered.until > now()) return remembered.readiness;
    if (options.window && judgeEventTime(period.start.getTime(), now(), options.window) === 'expired') {
      return {
        ok: false,
        kind: 'refused',
        code: 'event_time_expired',
        reason: `${index} holds a period past the ${options.window.deleteDays}-day delete horizon`,
      };
    }
    if (options.window && period.start.getTime() > now() + options.window.clockSkewMs) {
      return {
        ok: false,
        kind: 'refused',
        code: 'index_refused',
        reason: `${index} holds a period that has not begun`,
      };
    }
    try {
      if (headroom && !inFlight.has(index)) {
        const verdict = await headroom.check(index);
        if (!verdict.ok && verdict.kind === 'unreachable')
          return { ok: false, kind: 'retry', cause: 'connection', reason: verdict.reason };
        if (!verdict.ok && !(await exists(index)))
          return remember(index, { ok: false, kind: 'refused', code: 'no_shard_headroom', reason: verdict.reason });
      }
      return { ok: true, index: await ensure(period) };
    } catch (error) {
      const failure = creationFailure(index, error);
      return failure.kind === 'refused' ? remember(index, failure) : failure;
    }
  }

  function remember(index: string, readiness: IndexReadiness): IndexReadiness {
    refusals.set(index, { until: now() + memoryMs, readiness });
    return readiness;
  }

  return {
    ensure,
    prepare,
    forget(index) {
      known.delete(index);
    },
  };
}
