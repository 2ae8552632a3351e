import type { LogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import type { IndexReadiness, RetryCause } from '../../opensearch/log-indices/index-readiness.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { BulkEntry } from './bulk-entry.ts';
import type { Rejection } from './send-bulk.ts';

/** Entries that wait for a later attempt, and why. */
export interface Waiting {
  readonly entries: BulkEntry[];
  readonly cause: RetryCause;
  readonly reason: string;
}

export interface Prepared {
  /** Entries whose index exists: send them. */
  readonly ready: BulkEntry[];
  /** Entries whose index will not be created: dead letters, with the index's refusal as reason. */
  readonly refused: Rejection[];
  readonly waiting: Waiting[];
}

/**
 * Makes sure each period index of the entries exists, one index at a time. What happens to one
 * index (refused, busy, unreachable) concerns its entries only.
 */
export async function prepareIndices(
  ensurer: LogIndexEnsurer,
  names: IndexNames,
  entries: readonly BulkEntry[],
): Promise<Prepared> {
  const byIndex = new Map<string, BulkEntry[]>();
  for (const entry of entries) {
    const group = byIndex.get(entry.index);
    if (group) group.push(entry);
    else byIndex.set(entry.index, [entry]);
  }
  const prepared: Prepared = { ready: [], refused: [], waiting: [] };
  for (const [index, group] of byIndex) {
    const period = names.periodOfIndex(index);
    // Only this prefix's log indices are created here; an entry naming another (a spool written
    // under an earlier prefix, say) is kept as a dead letter, replayable into the current indices.
    const readiness: IndexReadiness = period
      ? await ensurer.prepare(period)
      : {
          ok: false,
          kind: 'refused',
          code: 'index_refused',
          reason: `${index} is not one of the ${names.logsPattern} log indices`,
        };
    if (readiness.ok) prepared.ready.push(...group);
    else if (readiness.kind === 'refused') {
      const status = readiness.status === undefined ? {} : { status: readiness.status };
      for (const entry of group)
        prepared.refused.push({
          entry,
          code: readiness.code,
          type: readiness.type ?? readiness.code,
          reason: readiness.reason,
          ...status,
        });
    } else prepared.waiting.push({ entries: group, cause: readiness.cause, reason: readiness.reason });
  }
  return prepared;
}
