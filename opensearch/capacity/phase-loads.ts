import { periodsInWindow } from '../record/event-window.ts';
import { MAX_PERIOD_DAYS } from '../record/index-period.ts';
import type { CapacityInput } from './capacity-input.ts';
import { shardBudget, type ShardBudget } from './shard-budget.ts';

/** What one lifecycle phase holds at its peak. */
export interface PhaseLoad {
  readonly indices: number;
  readonly primaryShards: number;
  /** Primaries and replicas. */
  readonly shardCopies: number;
  /** Days of records the phase holds at most: its duration plus the period that straddles its edge. */
  readonly days: number;
  readonly primaryBytes: number;
  /** All copies: the disk the phase takes on its nodes. */
  readonly diskBytes: number;
}

/** The archive: snapshots in a repository, no shards on the cluster's nodes. */
export type ArchiveLoad = Omit<PhaseLoad, 'primaryShards' | 'shardCopies'>;

export interface PhaseLoads {
  /** Log indices alive at once, at most, as the shard budget counts them. */
  readonly indices: number;
  readonly hot: PhaseLoad;
  readonly cold: PhaseLoad;
  readonly archive: ArchiveLoad;
}

/** The shortest a period of each unit can be, in days: the most period ends a span can hold. */
const SHORTEST_PERIOD_DAYS = { day: 1, week: 7, month: 28 } as const;

/** The shard budget of the input's configuration on `dataNodes` nodes of an otherwise empty cluster. */
export function budgetOn(input: CapacityInput, dataNodes: number, heapBytes: number): ShardBudget {
  const { lifecycle } = input;
  return shardBudget({
    logs: {
      period: input.period,
      hotDays: lifecycle.hot_days,
      deleteDays: lifecycle.delete_days,
      clockSkewMs: input.clockSkewMs,
      shards: input.shards,
      replicas: input.replicas,
      coldReplicas: lifecycle.cold.replicas,
    },
    ownIndices: input.ownIndices,
    cluster: {
      activeShards: 0,
      unassignedShards: 0,
      ownShards: 0,
      maxShardsPerNode: input.nodes.maxShardsPerNode,
      dataNodes,
      heapBytes,
    },
  });
}

/**
 * Each phase at its own peak. Indices are counted as the shard budget counts them (the periods of
 * the lifecycle window) — the cold phase at least as many as period ends fit in its span, which
 * the difference of two window counts can miss by one; records by duration: an index is hot from its period's start until
 * `hot_days` after its end, so hot indices hold at most `hot_days` + one period of records; cold
 * ones `delete_days − hot_days` + one period; archives, taken at the cold transition and kept
 * until `archive_keep_days`, `archive_keep_days − hot_days` + one period.
 */
export function phaseLoads(input: CapacityInput): PhaseLoads {
  const { lifecycle } = input;
  const periodDays = MAX_PERIOD_DAYS[input.period];
  const counts = budgetOn(input, 1, 0);
  const phase = (indices: number, days: number, bytesPerRecord: number, copies: number): PhaseLoad => {
    const primaryBytes = input.recordsPerDay * days * bytesPerRecord;
    const primaryShards = indices * input.shards;
    return {
      indices,
      primaryShards,
      shardCopies: primaryShards * copies,
      days,
      primaryBytes,
      diskBytes: primaryBytes * copies,
    };
  };
  const window = { period: input.period, clockSkewMs: input.clockSkewMs };
  const archiveDays = lifecycle.archive_keep_days - lifecycle.hot_days + periodDays;
  const archiveBytes = input.recordsPerDay * archiveDays * input.mergedBytesPerRecord * input.archiveRatio;
  const coldSpanEnds = Math.ceil((lifecycle.delete_days - lifecycle.hot_days) / SHORTEST_PERIOD_DAYS[input.period]);
  return {
    indices: counts.logIndices,
    hot: phase(counts.hotLogIndices, lifecycle.hot_days + periodDays, input.bytesPerRecord, 1 + input.replicas),
    cold: phase(
      Math.max(counts.logIndices - counts.hotLogIndices, coldSpanEnds),
      lifecycle.delete_days - lifecycle.hot_days + periodDays,
      input.mergedBytesPerRecord,
      1 + lifecycle.cold.replicas,
    ),
    archive: {
      indices:
        periodsInWindow({ ...window, deleteDays: lifecycle.archive_keep_days }) -
        periodsInWindow({ ...window, deleteDays: lifecycle.hot_days }),
      days: archiveDays,
      primaryBytes: archiveBytes,
      diskBytes: archiveBytes,
    },
  };
}
