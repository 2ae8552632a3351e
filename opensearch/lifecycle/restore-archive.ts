import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { parsePeriodBounds } from './period-bounds.ts';
import { readRetentionLog } from './retention-log.ts';

export interface RestoredIndex {
  readonly from: string;
  readonly snapshot: string;
  /** `<prefix>-restored-<period>`: outside the read alias, so no document shows twice. */
  readonly index: string;
  readonly docs: number;
}

/**
 * Restores archived log indices — one by name, or every one whose period overlaps [from, to) —
 * from their newest archive snapshot under `<prefix>-restored-<period>`, without aliases.
 */
export async function restoreArchives(
  client: OpenSearchClient,
  names: IndexNames,
  target: { readonly index: string } | { readonly from: Date; readonly to: Date },
): Promise<RestoredIndex[]> {
  const log = await readRetentionLog(client, names.retentionLog);
  const expired = new Set(
    log.filter((r) => r.step === 'snapshot-deleted' && r.outcome === 'done').map((r) => r.snapshot),
  );
  const newest = new Map<string, { snapshot: string; repository: string }>();
  for (const r of log) {
    if (r.step !== 'archived' || r.outcome !== 'done' || !r.snapshot || expired.has(r.snapshot)) continue;
    const bounds = parsePeriodBounds(r);
    const wanted =
      'index' in target
        ? r.index === target.index
        : bounds !== null && bounds.start < target.to && bounds.end > target.from;
    if (wanted) newest.set(r.index, { snapshot: r.snapshot, repository: r.repository! });
  }
  const restored: RestoredIndex[] = [];
  for (const [from, { snapshot, repository }] of newest) {
    const period = from.slice(names.logsPattern.length - 1);
    const index = `${names.prefix}-restored-${period}`;
    await client.snapshot.restore(
      {
        repository,
        snapshot,
        wait_for_completion: true,
        body: {
          indices: from,
          rename_pattern: '.+',
          rename_replacement: index,
          include_aliases: false,
          include_global_state: false,
        },
      } as never,
      { requestTimeout: 3_600_000 },
    );
    await client.indices.refresh({ index });
    restored.push({ from, snapshot, index, docs: Number((await client.count({ index })).body.count) });
  }
  return restored;
}
