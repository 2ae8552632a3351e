import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { createLogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import { deadLetterMapping } from '../../opensearch/record/dead-letter.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { periodOf, type IndexPeriod } from '../../opensearch/record/index-period.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { ensureIndex } from '../../opensearch/setup/ensure-index.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';
import { createOutcome, type BulkCreateItem } from './create-outcome.ts';
import type { DeadLetterFilter } from './dead-letter-filter.ts';
import { countReplayed, deadLettersByIds, unreplayedDeadLetters, type PageEntry } from './dead-letter-pages.ts';
import { replayableRecord } from './replayable-record.ts';
import { emptyReplayCounts, type ReplayItem, type ReplayReport } from './replay-report.ts';

export type { ReplayCounts, ReplayItem, ReplayReport } from './replay-report.ts';

/** Exactly these dead letters, or every dead letter matching a filter (empty filter: all). */
export type ReplaySelection = { readonly ids: readonly string[] } | (DeadLetterFilter & { readonly ids?: undefined });

export type ReplayOptions = ReplaySelection & {
  /** Check what would be replayed; write nothing. Default false. */
  readonly dryRun?: boolean;
  /** Dead letters read and records written per request. Default 200. */
  readonly pageSize?: number;
  /** Entries kept in `items`. Default 1 000. */
  readonly maxListed?: number;
  /** Clock for `replayed_at`. Default `() => new Date()`. */
  readonly now?: () => Date;
};

/**
 * Writes the records held by dead letters into the log indices. A dead letter whose `raw` is a
 * valid full record is created in its period's index with `_id = event_id`, so a record that
 * arrived meanwhile answers 409 and is never duplicated. Delivered dead letters are marked with
 * `replayed_at`/`replay_result` and skipped by later replays; none is ever deleted. Records
 * OpenSearch still refuses, and dead letters that are not records, are reported and left alone.
 */
export async function replayDeadLetters(
  client: OpenSearchClient,
  names: IndexNames,
  period: IndexPeriod,
  options: ReplayOptions,
): Promise<ReplayReport> {
  const pageSize = options.pageSize ?? 200;
  const maxListed = options.maxListed ?? 1_000;
  const now = options.now ?? (() => new Date());
  const dryRun = options.dryRun ?? false;
  const counts = emptyReplayCounts();
  const items: ReplayItem[] = [];
  let itemsTruncated = false;
  const report = (item: ReplayItem) => {
    if (items.length < maxListed) items.push(item);
    else itemsTruncated = true;
  };

  // Marks need the replay fields, which dead-letter indices made by an older setup lack.
  if (!dryRun) await ensureIndex(client, names.deadLetter, { mappings: deadLetterMapping() });
  const ensurer = createLogIndexEnsurer(client, names);
  const touched = new Set<string>();
  let marked = 0;

  async function replayPage(page: PageEntry[]): Promise<void> {
    const candidates: Array<{ id: string; record: SyncLogRecord; index: string }> = [];
    for (const { id, stored } of page) {
      if (!stored) {
        counts.notFound += 1;
        report({ id, outcome: 'not_found' });
      } else if (stored.deadLetter.replayed_at !== undefined) {
        counts.skipped += 1;
        report({ id, outcome: 'skipped', replayedAt: stored.deadLetter.replayed_at });
      } else {
        const replayable = replayableRecord(stored.deadLetter.raw);
        if (!replayable.ok) {
          counts.notReplayable += 1;
          report({ id, outcome: 'not_replayable', reason: replayable.reason });
        } else {
          const index = names.logIndexFor(replayable.record['@timestamp'], period);
          candidates.push({ id, record: replayable.record, index });
        }
      }
    }
    if (candidates.length === 0) return;
    if (dryRun) {
      counts.wouldReplay += candidates.length;
      for (const { id, index } of candidates) report({ id, outcome: 'would_replay', index });
      return;
    }

    const writable: typeof candidates = [];
    for (const candidate of candidates) {
      try {
        touched.add(await ensurer.ensure(periodOf(candidate.record['@timestamp'], period)));
        writable.push(candidate);
      } catch (error) {
        // A valid record can still name a period OpenSearch cannot create an index for (year 0).
        const { status, type, reason } = errorStatus(error);
        const outcome = createOutcome({
          status: status ?? 0,
          error: { type: type ?? 'error', reason: `cannot create ${candidate.index}: ${reason}` },
        });
        if (outcome.kind !== 'rejected' && outcome.kind !== 'failed') throw error;
        counts[outcome.kind] += 1;
        report({ id: candidate.id, outcome: outcome.kind, reason: outcome.reason });
      }
    }
    if (writable.length === 0) return;
    const body = writable.flatMap(({ record, index }) => [{ create: { _index: index, _id: record.event_id } }, record]);
    const { body: response } = await client.bulk({ body: body as never });
    const results = (response.items as Array<{ create: BulkCreateItem }>).map((item) => createOutcome(item.create));

    const marks: unknown[] = [];
    const at = now().toISOString();
    results.forEach((outcome, i) => {
      const { id, index } = writable[i]!;
      if (outcome.kind === 'created' || outcome.kind === 'already_present') {
        counts[outcome.kind === 'created' ? 'created' : 'alreadyPresent'] += 1;
        counts.replayed += 1;
        report({ id, outcome: outcome.kind, index });
        marks.push(
          { update: { _index: names.deadLetter, _id: id, retry_on_conflict: 3 } },
          { doc: { replayed_at: at, replay_result: outcome.kind } },
        );
      } else {
        counts[outcome.kind] += 1;
        report({ id, outcome: outcome.kind, reason: outcome.reason });
      }
    });
    if (marks.length === 0) return;
    const { body: markResponse } = await client.bulk({ body: marks as never });
    const markItems = markResponse.items as Array<{ update: { status: number } }>;
    const failedMarks = markItems.filter((item) => item.update.status >= 300).length;
    counts.unmarked += failedMarks;
    marked += markItems.length - failedMarks;
  }

  if (options.ids !== undefined) {
    for await (const page of deadLettersByIds(client, names, options.ids, pageSize)) await replayPage(page);
  } else {
    counts.skipped = await countReplayed(client, names, options);
    for await (const page of unreplayedDeadLetters(client, names, options, pageSize)) await replayPage(page);
  }
  // One refresh at the end, so that a search or a second replay right after sees the result.
  if (touched.size > 0) await client.indices.refresh({ index: [...touched] });
  if (marked > 0) await client.indices.refresh({ index: names.deadLetter });
  return { counts, items, itemsTruncated, dryRun };
}
