import type { OpenSearchClient } from '../client/create-client.ts';

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
  const { body } = await client.search({ index, body: { size: 10_000, sort: [{ at: 'asc' }], query: { match_all: {} } } } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: RetentionRecord }> } }).hits.hits.map((hit) => hit._source);
}

export async function appendRetentionLog(client: OpenSearchClient, index: string, record: RetentionRecord): Promise<void> {
  await client.index({ index, body: record as never, refresh: true });
}
