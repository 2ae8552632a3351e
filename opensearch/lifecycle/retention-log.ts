import type { OpenSearchClient } from '../client/create-client.ts';
import { errorStatus } from '../shared/response-errors.ts';

export type RetentionStep = 'cold' | 'archived' | 'deleting' | 'deleted' | 'snapshot-deleted';

/** One appended retention-log document; `deleted` ones are the proof of deletion. */
export interface RetentionRecord {
  readonly index: string;
  readonly step: RetentionStep;
  readonly outcome: 'done' | 'failed';
  readonly at: string;
  readonly by: string;
  readonly period_start?: string;
  readonly period_end?: string;
  readonly doc_count?: number;
  readonly snapshot?: string;
  readonly repository?: string;
  readonly error?: string;
}

/** The whole log, oldest first. It grows by a few documents per index over its life. */
export async function readRetentionLog(client: OpenSearchClient, index: string): Promise<RetentionRecord[]> {
  const { body } = await client.search({
    index,
    body: { size: 10_000, sort: [{ at: 'asc' }], query: { match_all: {} } },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: RetentionRecord }> } }).hits.hits.map(
    (hit) => hit._source,
  );
}

/**
 * Appends a record. A successful `deleted` or `snapshot-deleted` record has a fixed id (the index,
 * the snapshot) and is created at most once, so a proof is never written twice, even by a pass
 * that races the in-flight writes of one that was killed.
 */
export async function appendRetentionLog(
  client: OpenSearchClient,
  index: string,
  record: RetentionRecord,
): Promise<void> {
  const proofId =
    record.outcome !== 'done'
      ? null
      : record.step === 'deleted'
        ? `deleted:${record.index}`
        : record.step === 'snapshot-deleted'
          ? `snapshot-deleted:${record.snapshot}`
          : null;
  try {
    await client.index({
      index,
      body: record as never,
      refresh: true,
      ...(proofId ? { id: proofId, op_type: 'create' } : {}),
    } as never);
  } catch (error) {
    if (!(proofId && errorStatus(error).status === 409)) throw error;
  }
}
