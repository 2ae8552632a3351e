import type { SSEStreamingApi } from 'hono/streaming';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Reader } from '../reader/reader.ts';
import { recordText } from './records-table.ts';

/** How many records one look fetches; a full batch means more are waiting, so the next look comes at once. */
const BATCH = 200;

export interface TailSource {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  /** The list's filters, as an OpenSearch query. */
  readonly filter: unknown;
  /** The oldest `@timestamp` sent (ISO). */
  readonly since: string;
  readonly pollMs: number;
  /** Whose language and time zone the rows are written in. */
  readonly reader: Reader;
}

/**
 * The fields the tail's rows show, as one `record` event's data, worded for the reader as the log
 * list words them: the time in their zone, labels for type and status (the status code kept for
 * the row's style).
 */
const tailEvent = (r: SyncLogRecord, reader: Reader) =>
  JSON.stringify({
    event_id: r.event_id,
    time: reader.time(r['@timestamp']),
    operation_type: r.operation_type === undefined ? '' : reader.label('operation_type', r.operation_type),
    status: r.status ?? '',
    status_label: r.status === undefined ? '' : reader.label('status', r.status),
    customer: r.customer?.name ?? r.customer?.id ?? '',
    text: recordText(r),
  });

/**
 * Sends every matching record in indexing order, oldest first, until the browser goes away.
 * `sent.rows` counts the records handed to the connection (a write after the browser left is not).
 */
export async function streamTail(
  stream: SSEStreamingApi,
  { client, names, filter, since, pollMs, reader }: TailSource,
  sent: { rows: number },
) {
  let open = true;
  stream.onAbort(() => {
    open = false;
  });
  let after: unknown[] | undefined;
  while (open) {
    const { body } = await client.search({
      index: names.readAlias,
      ignore_unavailable: true,
      allow_no_indices: true,
      body: {
        size: BATCH,
        sort: [{ '@timestamp': 'asc' }, { event_id: 'asc' }],
        query: { bool: { filter: [filter, { range: { '@timestamp': { gte: since } } }] } },
        ...(after ? { search_after: after } : {}),
      },
    } as never);
    const hits = (body as unknown as { hits: { hits: Array<{ _source: SyncLogRecord; sort: unknown[] }> } }).hits.hits;
    for (const { _source: r, sort } of hits) {
      after = sort;
      await stream.writeSSE({ event: 'record', id: r.event_id, data: tailEvent(r, reader) });
      if (stream.aborted) return;
      sent.rows++;
    }
    if (hits.length < BATCH) await stream.sleep(pollMs);
  }
}
