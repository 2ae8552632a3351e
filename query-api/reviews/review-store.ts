import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Caller } from '../auth/api-tokens.ts';
import { matchingRecords } from '../export/matching-records.ts';

export interface Review {
  readonly event_id: string;
  readonly reviewer: string;
  readonly role: string;
  readonly reviewed_at: string;
  readonly comment?: string;
}

const reviewOf = (record: SyncLogRecord, caller: Caller, at: string, comment?: string): Review => ({
  event_id: record.event_id,
  reviewer: caller.id,
  role: caller.role,
  reviewed_at: at,
  ...(comment ? { comment } : {}),
});

/** The bulk lines that record reviews: each review in the history, each record once in the reviewed set. */
function reviewLines(
  names: IndexNames,
  records: readonly SyncLogRecord[],
  caller: Caller,
  at: string,
  comment?: string,
): unknown[] {
  return records.flatMap((record) => [
    { index: { _index: names.reviews } },
    reviewOf(record, caller, at, comment),
    // Created once: a later review of the same record leaves its copy (and first reviewer) as it is.
    { create: { _index: names.reviewed, _id: record.event_id } },
    { ...record, first_reviewed_at: at, first_reviewed_by: caller.id },
  ]);
}

async function writeReviews(
  client: OpenSearchClient,
  names: IndexNames,
  records: readonly SyncLogRecord[],
  caller: Caller,
  comment?: string,
): Promise<number> {
  if (records.length === 0) return 0;
  const { body } = await client.bulk(
    { refresh: 'wait_for', body: reviewLines(names, records, caller, new Date().toISOString(), comment) } as never,
    { requestTimeout: 120_000 },
  );
  const items = (
    body as unknown as {
      items: Array<{
        index?: { status: number; error?: { reason?: string } };
        create?: { status: number; error?: { reason?: string } };
      }>;
    }
  ).items;
  let newlyReviewed = 0;
  for (const item of items) {
    const result = item.index ?? item.create!;
    if (item.create && result.status === 409) continue; // already in the reviewed set
    if (result.status >= 300)
      throw new Error(`a review could not be recorded: ${result.error?.reason ?? result.status}`);
    if (item.create) newlyReviewed++;
  }
  return newlyReviewed;
}

/** Records one review of one record. */
export async function reviewRecord(
  client: OpenSearchClient,
  names: IndexNames,
  record: SyncLogRecord,
  caller: Caller,
  comment?: string,
): Promise<void> {
  await writeReviews(client, names, [record], caller, comment);
}

/** Reviews every record a query matches, page by page; returns how many matched and how many were reviewed for the first time. */
export async function reviewMatching(
  client: OpenSearchClient,
  names: IndexNames,
  query: Record<string, unknown>,
  caller: Caller,
  comment?: string,
): Promise<{ matched: number; newly_reviewed: number }> {
  let matched = 0;
  let newlyReviewed = 0;
  for await (const page of matchingRecords(client, names, query)) {
    matched += page.length;
    newlyReviewed += await writeReviews(client, names, page, caller, comment);
  }
  return { matched, newly_reviewed: newlyReviewed };
}

/** A record's review history, oldest first. */
export async function reviewsOf(client: OpenSearchClient, names: IndexNames, eventId: string): Promise<Review[]> {
  const { body } = await client.search({
    index: names.reviews,
    body: { size: 1_000, query: { term: { event_id: eventId } }, sort: [{ reviewed_at: 'asc' }] },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: Review }> } }).hits.hits.map((hit) => hit._source);
}
