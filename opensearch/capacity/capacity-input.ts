import type { IndexPeriod } from '../record/index-period.ts';

/** One tier's node: its disk and its JVM heap. */
export interface NodeSize {
  readonly diskBytes: number;
  readonly heapBytes: number;
}

/** The lifecycle durations the model needs, named as in the lifecycle policy (days after a period ended). */
export interface CapacityLifecycle {
  readonly hot_days: number;
  readonly delete_days: number;
  readonly archive_keep_days: number;
  readonly cold: { readonly replicas: number };
}

/**
 * What a capacity plan is computed from. Sizes are bytes; record sizes are primary store bytes
 * (index structures included), without replicas.
 */
export interface CapacityInput {
  readonly recordsPerDay: number;
  /** Primary store bytes per record in a hot index (as written, not merged). */
  readonly bytesPerRecord: number;
  /** The same after the cold phase's force-merge to one segment. */
  readonly mergedBytesPerRecord: number;
  /** Archive snapshot bytes ÷ merged primary bytes (1: a snapshot copies the segment files as they are). */
  readonly archiveRatio: number;
  readonly period: IndexPeriod;
  /** Primary shards per log index. */
  readonly shards: number;
  /** Replicas of a hot index. */
  readonly replicas: number;
  readonly lifecycle: CapacityLifecycle;
  /** How far ahead of now an event time still makes an index (setup's default: 5 minutes). */
  readonly clockSkewMs: number;
  /** synclog's own (non-log) indices: one primary each, one replica from two data nodes on. */
  readonly ownIndices: number;
  readonly nodes: {
    /** `cluster.max_shards_per_node`. */
    readonly maxShardsPerNode: number;
    /** Share of a node's disk data may fill: the low disk watermark (85 %) leaves the rest free. */
    readonly diskUsableFraction: number;
    readonly hot: NodeSize;
    readonly cold: NodeSize;
  };
  /** Nodes the cluster has, when judging one that exists: the budget is then judged on these. */
  readonly available?: { readonly hot: number; readonly cold: number } | undefined;
  /** The shard sizes OpenSearch recommends for search workloads: 10–50 GB. */
  readonly targetShardBytes: { readonly min: number; readonly max: number };
}

const GB = 1e9;
const GIB = 1024 ** 3;
const TIB = 1024 ** 4;

/**
 * Stored bytes per generated record of 1,148 B of JSON, measured on 50,000 records by
 * `bench/capacity/measure-record-size.ts` (docs/capacity.md gives the run): primary store as
 * written, and after a force-merge to one segment; the archive snapshot of the merged index
 * measured the same size as the index.
 */
export const MEASURED_BYTES_PER_RECORD = { written: 1_042, merged: 986, archiveRatio: 1 } as const;

/**
 * The model's defaults beside the record size and the lifecycle: one replica while hot, nodes
 * with a 31 GiB heap (the most that keeps compressed pointers) and 2 TiB (hot) or 8 TiB (cold)
 * of disk, OpenSearch's own shard limit, disk watermark and shard size guidance.
 */
export const CAPACITY_DEFAULTS = {
  bytesPerRecord: MEASURED_BYTES_PER_RECORD.written,
  mergedBytesPerRecord: MEASURED_BYTES_PER_RECORD.merged,
  archiveRatio: MEASURED_BYTES_PER_RECORD.archiveRatio,
  shards: 1,
  replicas: 1,
  clockSkewMs: 300_000,
  nodes: {
    maxShardsPerNode: 1_000,
    diskUsableFraction: 0.85,
    hot: { diskBytes: 2 * TIB, heapBytes: 31 * GIB },
    cold: { diskBytes: 8 * TIB, heapBytes: 31 * GIB },
  },
  targetShardBytes: { min: 10 * GB, max: 50 * GB },
} as const;

/** Given inputs over the defaults above; the lifecycle and the own indices come from the caller. */
export function capacityInput(
  given: Pick<CapacityInput, 'recordsPerDay' | 'period' | 'lifecycle' | 'ownIndices'> &
    Partial<Omit<CapacityInput, 'nodes'>> & { readonly nodes?: Partial<CapacityInput['nodes']> },
): CapacityInput {
  return { ...CAPACITY_DEFAULTS, ...given, nodes: { ...CAPACITY_DEFAULTS.nodes, ...given.nodes } };
}
