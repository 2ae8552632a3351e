import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';
import { retryAfterMs } from './backoff.ts';
import type { BulkEntry } from './bulk-entry.ts';
import { itemOutcome } from './item-outcome.ts';

export interface Rejection {
  readonly entry: BulkEntry;
  /** The closed dead-letter reason; the cluster's own words stay in `type` and `reason`. */
  readonly code: DeadLetterReason;
  /** The HTTP status of the refusal, when the cluster gave one. */
  readonly status?: number;
  readonly type: string;
  readonly reason: string;
  /** A top-level field the index's strict mapping lacks: the record may be resent with it under `details`. */
  readonly strictField?: string;
}

/** The outcome of one `_bulk` request, item by item. Expected failures are values, never thrown. */
export type BulkOutcome =
  | {
      readonly kind: 'items';
      /** 2xx, and 409: the document exists, so an earlier attempt delivered it. */
      readonly delivered: number;
      readonly duplicates: number;
      /** 429 and 5xx items: worth sending again. */
      readonly retry: BulkEntry[];
      /** The items of `retry` answered 429: the cluster is busy, not failing. */
      readonly throttled: ReadonlySet<BulkEntry>;
      /** 404 `index_not_found`: the period's index must be created, then the items sent again. */
      readonly missingIndex: BulkEntry[];
      /** Other 4xx: the document itself is refused (mapping errors, blocks); it goes to the dead letters. */
      readonly rejected: Rejection[];
    }
  /** 413: the body is too big for the server; split it. */
  | { readonly kind: 'too-large' }
  /** No answer, a timeout, or a whole-request 5xx: evidence of an outage; the batch may be retried as it is. */
  | { readonly kind: 'unavailable'; readonly reason: string; readonly retryAfterMs?: number }
  /** A whole-request 429: the cluster is busy; back off (honouring `Retry-After`) and send the same batch again. */
  | { readonly kind: 'throttled'; readonly reason: string; readonly retryAfterMs?: number }
  /** A whole-request 4xx other than 413/429: the body is unacceptable as a whole. */
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

type Item = { create?: { status: number; error?: { type?: string; reason?: string } } };
type BulkResponse = { errors?: boolean; items?: Item[] };

export async function sendBulk(
  client: OpenSearchClient,
  entries: readonly BulkEntry[],
  requestTimeoutMs: number,
): Promise<BulkOutcome> {
  let length = 0;
  for (const entry of entries) length += entry.bytes;
  const body = Buffer.concat(
    entries.map((entry) => entry.lines),
    length,
  );
  let response: BulkResponse;
  try {
    const result = await client.bulk(
      // Only each item's status and error come back: a cheap response for the server and for us.
      { body, filter_path: 'errors,items.*.status,items.*.error.type,items.*.error.reason' } as never,
      { requestTimeout: requestTimeoutMs },
    );
    response = result.body as BulkResponse;
  } catch (error) {
    return requestFailure(error);
  }
  return itemOutcomes(entries, response);
}

/** A request that failed as a whole: no answer, or a status that concerns the whole body. */
function requestFailure(error: unknown): BulkOutcome {
  const { status, reason } = errorStatus(error);
  if (status === undefined) return { kind: 'unavailable', reason };
  if (status === 413) return { kind: 'too-large' };
  if (status === 429 || status >= 500) {
    const headers = (error as { meta?: { headers?: Record<string, string> } }).meta?.headers;
    const after = retryAfterMs(headers?.['retry-after'], Date.now());
    const kind = status === 429 ? 'throttled' : 'unavailable';
    return after === undefined
      ? { kind, reason: `HTTP ${status}: ${reason}` }
      : { kind, reason: `HTTP ${status}: ${reason}`, retryAfterMs: after };
  }
  return { kind: 'refused', status, reason };
}

/** Sorts each entry by its item's answer; an entry the response has no item for is sent again. */
function itemOutcomes(entries: readonly BulkEntry[], response: BulkResponse): BulkOutcome {
  if (response.errors === false) {
    return {
      kind: 'items',
      delivered: entries.length,
      duplicates: 0,
      retry: [],
      throttled: new Set(),
      missingIndex: [],
      rejected: [],
    };
  }
  const items = response.items ?? [];
  let delivered = 0;
  let duplicates = 0;
  const retry: BulkEntry[] = [];
  const throttled = new Set<BulkEntry>();
  const missingIndex: BulkEntry[] = [];
  const rejected: Rejection[] = [];
  entries.forEach((entry, i) => {
    const item = items[i]?.create;
    const outcome = item ? itemOutcome(item.status, item.error) : ({ kind: 'retry', throttled: false } as const);
    switch (outcome.kind) {
      case 'delivered':
        delivered++;
        if (outcome.duplicate) duplicates++;
        break;
      case 'retry':
        retry.push(entry);
        if (outcome.throttled) throttled.add(entry);
        break;
      case 'missing-index':
        missingIndex.push(entry);
        break;
      case 'refused': {
        const status = item?.status ?? 0;
        const base = {
          entry,
          code: outcome.code,
          status,
          type: item?.error?.type ?? `http_${status}`,
          reason: item?.error?.reason ?? `HTTP ${status}`,
        };
        rejected.push(outcome.strictField === undefined ? base : { ...base, strictField: outcome.strictField });
      }
    }
  });
  return { kind: 'items', delivered, duplicates, retry, throttled, missingIndex, rejected };
}
