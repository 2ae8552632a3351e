import type { DeadLetterReason } from '../record/dead-letter.ts';
import { errorStatus } from '../shared/response-errors.ts';

/** Why records could not be written now but may be later: it decides how long they wait. */
export type RetryCause =
  /** No answer at all (connection refused, reset, timed out): evidence of an outage. */
  | 'connection'
  /** 429: the cluster is busy; wait in memory, as long as it takes. */
  | 'throttled'
  /** A 5xx or 408 for this one request: retried with backoff until the batch's deadline. */
  | 'transient';

/** Codes for records whose index will not be created. */
export type IndexRefusalCode = Extract<DeadLetterReason, 'index_refused' | 'no_shard_headroom' | 'event_time_expired'>;

/** Whether records for one log index can be sent: failures are values, so one index never stops another. */
export type IndexReadiness =
  | { readonly ok: true; readonly index: string }
  | {
      readonly ok: false;
      readonly kind: 'refused';
      readonly code: IndexRefusalCode;
      readonly reason: string;
      readonly status?: number;
      readonly type?: string;
    }
  | { readonly ok: false; readonly kind: 'retry'; readonly cause: RetryCause; readonly reason: string };

/** The cluster's own shard limit refusing a new index (`validation_exception`, "… maximum … shards open"). */
const SHARD_LIMIT = /maximum\b.*\bshards open/i;

/** What a failed index creation means for the records waiting for that index. */
export function creationFailure(index: string, error: unknown): Exclude<IndexReadiness, { ok: true }> {
  const { status, type, reason } = errorStatus(error);
  const text = `cannot create ${index}: ${type ? `${type}: ` : ''}${reason}`;
  if (status === undefined) return { ok: false, kind: 'retry', cause: 'connection', reason: text };
  if (status === 429) return { ok: false, kind: 'retry', cause: 'throttled', reason: text };
  if (status >= 500 || status === 408) return { ok: false, kind: 'retry', cause: 'transient', reason: text };
  if (SHARD_LIMIT.test(reason))
    return { ok: false, kind: 'refused', code: 'no_shard_headroom', reason: text, status, ...(type ? { type } : {}) };
  return { ok: false, kind: 'refused', code: 'index_refused', reason: text, status, ...(type ? { type } : {}) };
}
