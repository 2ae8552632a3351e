import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { snapshotHolds } from './archive-snapshot.ts';
import { holdsOn, readHolds, type Hold } from './legal-hold.ts';
import type { IndexFacts } from './lifecycle-plan.ts';
import type { LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';
import { readRetentionLog, type RetentionRecord } from './retention-log.ts';

export interface ManagedIndex {
  readonly facts: IndexFacts;
  readonly docs: number;
  readonly bytes: number;
  /** The last failed step since the last successful one, if any. */
  readonly lastError: RetentionRecord | null;
}

export interface LifecycleFacts {
  readonly indices: readonly ManagedIndex[];
  readonly log: readonly RetentionRecord[];
  readonly holds: readonly Hold[];
}

/** Everything the runner, `retention status` and `retention verify` judge by: indices, retention log, holds, snapshots. */
export async function gatherLifecycleFacts(
  client: OpenSearchClient,
  names: IndexNames,
  policy: LifecyclePolicy,
): Promise<LifecycleFacts> {
  const [log, holds, rows] = await Promise.all([
    readRetentionLog(client, names.retentionLog),
    readHolds(client, names),
    catIndices(client, names),
  ]);
  const indices: ManagedIndex[] = [];
  for (const row of rows) {
    const period = names.periodOfIndex(row.index)!;
    const records = log.filter((r) => r.index === row.index);
    const done = records.filter((r) => r.outcome === 'done');
    const archived = done.findLast((r) => r.step === 'archived');
    const last = records.at(-1);
    indices.push({
      facts: {
        index: row.index,
        period,
        cold: done.some((r) => r.step === 'cold'),
        archive: archived?.snapshot
          ? {
              snapshot: archived.snapshot,
              verified: await snapshotHolds(client, policy.archive_repository, archived.snapshot, row.index),
            }
          : null,
        held: holdsOn(holds, row.index, period).length > 0,
      },
      docs: row.docs,
      bytes: row.bytes,
      lastError: last?.outcome === 'failed' ? last : null,
    });
  }
  return { indices, log, holds };
}

/** The managed log indices (names that parse to a period), with document counts and sizes. */
export async function catIndices(
  client: OpenSearchClient,
  names: IndexNames,
): Promise<Array<{ index: string; docs: number; bytes: number }>> {
  const { body } = await client.cat.indices({
    index: names.logsPattern,
    format: 'json',
    bytes: 'b',
    h: 'index,docs.count,store.size',
    expand_wildcards: 'all',
  } as never);
  return (body as unknown as Array<{ index: string; 'docs.count': string | null; 'store.size': string | null }>)
    .filter((row) => names.periodOfIndex(row.index) !== null)
    .map((row) => ({ index: row.index, docs: Number(row['docs.count'] ?? 0), bytes: Number(row['store.size'] ?? 0) }))
    .sort((a, b) => a.index.localeCompare(b.index));
}
