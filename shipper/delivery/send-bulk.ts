import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';
import { retryAfterMs } from './backoff.ts';
import type { BulkEntry } from './bulk-entry.ts';

export interface Rejection {
  readonly entry: BulkEntry;
  readonly status: number;
  readonly type: string;
  readonly reason: string;
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
      /** 404 `index_not_found`: the period's index must be created, then the items sent again. */
      readonly missingIndex: BulkEntry[];
      /** Other 4xx: the document itself is refused (mapping errors); it goes to the dead letters. */
      readonly rejected: Rejection[];
    }
  /** 413: the body is too big for the server; split it. */
  | { readonly kind: 'too-large' }
  /** No answer, a timeout, or a whole-request 429/5xx: the batch may be retried as it is. */
  | { readonly kind: 'unavailable'; readonly reason: string; readonly connection: boolean; readonly retryAfterMs?: number }
  /** A whole-request 4xx other than 413/429: the body is unacceptable as a whole. */
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

type Item = { create?: { status: number; error?: { type?: string; reason?: string } } };

export async function sendBulk(client: OpenSearchClient, entries: readonly BulkEntry[], requestTimeoutMs: number): Promise<BulkOutcome> {
  let length = 0;
  for (const entry of entries) length += entry.bytes;
  const body = Buffer.concat(entries.map((entry) => entry.lines), length);
  let response: { errors?: boolean; items?: Item[] };
  try {
    const result = await client.bulk(
      // Only each item's status and error come back: a cheap response for the server and for us.
      { body, filter_path: 'errors,items.*.status,items.*.error.type,items.*.error.reason' } as never,
      { requestTimeout: requestTimeoutMs },
    );
    response = result.body as typeof response;
  } catch (error) {
    const { status, reason } = errorStatus(error);
    if (status === undefined) return { kind: 'unavailable', reason, connection: true };
    if (status === 413) return { kind: 'too-large' };
    if (status === 429 || status >= 500) {
      const headers = (error as { meta?: { headers?: Record<string, string> } }).meta?.headers;
      const after = retryAfterMs(headers?.['retry-after'], Date.now());
      return after === undefined
        ? { kind: 'unavailable', reason: `HTTP ${status}: ${reason}`, connection: false }
        : { kind: 'unavailable', reason: `HTTP ${status}: ${reason}`, connection: false, retryAfterMs: after };
    }
    return { kind: 'refused', status, reason };
  }

  if (response.errors === false) {
    return { kind: 'items', delivered: entries.length, duplicates: 0, retry: [], missingIndex: [], rejected: [] };
  }
  const items = response.items ?? [];
  let delivered = 0;
  let duplicates = 0;
  const retry: BulkEntry[] = [];
  const missingIndex: BulkEntry[] = [];
  const rejected: Rejection[] = [];
  entries.forEach((entry, i) => {
    const item = items[i]?.create;
    if (!item) {
      retry.push(entry);
      return;
    }
    const { status } = item;
    if (status >= 200 && status < 300) delivered++;
    else if (status === 409) {
      delivered++;
      duplicates++;
    } else if (status === 429 || status >= 500) retry.push(entry);
    else if (status === 404 && item.error?.type === 'index_not_found_exception') missingIndex.push(entry);
    else rejected.push({ entry, status, type: item.error?.type ?? `http_${status}`, reason: item.error?.reason ?? `HTTP ${status}` });
  });
  return { kind: 'items', delivered, duplicates, retry, missingIndex, rejected };
}
