import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { wallNow } from './producer-result.ts';

const KEY = '"producer_seq":';

/**
 * The first and last `producer_seq` in a bulk body. A batch holds its records in call order, so
 * the two ends bound it; read from each end of the body, the whole body is never scanned.
 */
export function bulkSeqRange(body: unknown): { first: number; last: number } | null {
  const buffer = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : null;
  if (!buffer) return null;
  const firstAt = buffer.indexOf(KEY);
  const lastAt = buffer.lastIndexOf(KEY);
  if (firstAt < 0) return null;
  const read = (at: number) =>
    Number(/^\d+/.exec(buffer.toString('latin1', at + KEY.length, at + KEY.length + 20))?.[0]);
  return { first: read(firstAt), last: read(lastAt) };
}

/** Values per bulk request in what `recordBulkAcks` notes. */
export const ACK_FIELDS = 4;

/**
 * Notes, for every bulk request the client answers, the range of sequences it carried, when it was
 * sent and when the answer came: [first, last, sentAt, answeredAt, …]. A record retried later is
 * noted again.
 */
export function recordBulkAcks(client: OpenSearchClient): number[] {
  const acks: number[] = [];
  const bulk = client.bulk.bind(client);
  client.bulk = (async (...args: Parameters<typeof bulk>) => {
    const sentAt = wallNow();
    const response = await bulk(...args);
    const range = bulkSeqRange((args[0] as { body?: unknown } | undefined)?.body);
    if (range) acks.push(range.first, range.last, sentAt, wallNow());
    return response;
  }) as unknown as typeof client.bulk;
  return acks;
}

/**
 * Per sequence, when the last bulk request that carried it was sent (`field` 2) or answered
 * (`field` 3); NaN: never sent.
 */
export function ackTimes(acks: readonly number[], count: number, field: 2 | 3): Float64Array {
  const at = new Float64Array(count).fill(NaN);
  for (let i = 0; i + ACK_FIELDS <= acks.length; i += ACK_FIELDS) {
    at.fill(acks[i + field]!, acks[i]!, Math.min(count, acks[i + 1]! + 1));
  }
  return at;
}
