import { periodsInWindow } from '../record/event-window.ts';
import type { IndexPeriod } from '../record/index-period.ts';

/**
 * A cluster refuses to create any index once its open shards reach `cluster.max_shards_per_node`
 * × data nodes, for synclog and every other tenant alike. These functions keep synclog out of
 * that last stretch: setup judges a configuration's steady state, the shipper a single new index.
 */

/** What `_cluster/health` and `_cluster/settings` say about shard use and the limit. */
export interface ClusterShardFacts {
  /** Shard copies allocated (or being allocated) now. */
  readonly activeShards: number;
  /** Shard copies not allocated: they count against the limit all the same. */
  readonly unassignedShards: number;
  readonly maxShardsPerNode: number;
  readonly dataNodes: number;
}

/** Share of the cluster's shard capacity kept free: the shipper never takes it, setup never plans into it. */
export const SHARD_RESERVE_FRACTION = 0.05;
/** Past this share of capacity setup warns. */
export const SHARD_WARN_FRACTION = 0.9;
/** The usual sizing rule: at most about 20 shards per GiB of JVM heap on the data nodes. */
export const SHARDS_PER_HEAP_GIB = 20;
const GIB = 1024 ** 3;

export interface ShardBudgetInput {
  readonly logs: {
    readonly period: IndexPeriod;
    readonly hotDays: number;
    readonly deleteDays: number;
    /** How far ahead of now an event time still makes an index (setup's default: 5 minutes). */
    readonly clockSkewMs: number;
    readonly shards: number;
    /** `undefined`: one replica once there is a second data node (`auto_expand_replicas: 0-1`). */
    readonly replicas: number | undefined;
    /** Replicas the cold phase leaves an index with. */
    readonly coldReplicas: number;
  };
  /** How many of synclog's own (non-log) indices setup keeps: one primary each, replicas `0-1`. */
  readonly ownIndices: number;
  readonly cluster: ClusterShardFacts & {
    /** Shards synclog's own and log indices hold now (part of active + unassigned). */
    readonly ownShards: number;
    /** JVM heap summed over the data nodes; 0 when unknown (no heap judgement then). */
    readonly heapBytes: number;
  };
}

export type ShardBudgetVerdict = 'ok' | 'warn' | 'refuse';
export type ShardBudgetWarning = 'near_capacity' | 'heap';

export interface ShardBudget {
  /** Log indices kept in the steady state: the periods of the lifecycle window. */
  readonly logIndices: number;
  /** Of those, how many are still hot (with their full replicas). */
  readonly hotLogIndices: number;
  /** Copies of each shard (primary + replicas): hot and cold log indices, synclog's own indices. */
  readonly copies: { readonly hot: number; readonly cold: number; readonly own: number };
  readonly logShards: number;
  readonly ownIndexShards: number;
  /** What this configuration holds in its steady state: log shards + own index shards. */
  readonly needed: number;
  /** Shards held now by everything that is not synclog's (other tenants, restored copies). */
  readonly others: number;
  /** Shards held now, by everyone. */
  readonly current: number;
  /** max_shards_per_node × data nodes. */
  readonly capacity: number;
  readonly maxShardsPerNode: number;
  readonly dataNodes: number;
  /** capacity − needed − others; negative when the configuration cannot fit at all. */
  readonly headroom: number;
  /** (needed + others) per GiB of data-node heap; `null` when the heap is unknown. */
  readonly shardsPerHeapGiB: number | null;
  readonly verdict: ShardBudgetVerdict;
  readonly warnings: readonly ShardBudgetWarning[];
}

/** Copies of a shard: the primary plus its replicas (`auto_expand 0-1` gives one replica from two nodes). */
const copiesOf = (replicas: number | undefined, dataNodes: number) =>
  1 + (replicas ?? Math.min(1, Math.max(0, dataNodes - 1)));

/**
 * The steady state a configuration needs against what the cluster can hold. Refused when it plus
 * the other tenants' shards would take the last 5 % of capacity; a warning past 90 % or past about
 * 20 shards per GiB of heap (current use counts for the warnings, which may be above the steady state).
 */
export function shardBudget(input: ShardBudgetInput): ShardBudget {
  const { logs, cluster } = input;
  const window = { period: logs.period, clockSkewMs: logs.clockSkewMs };
  const logIndices = periodsInWindow({ ...window, deleteDays: logs.deleteDays });
  const hotLogIndices = Math.min(logIndices, periodsInWindow({ ...window, deleteDays: logs.hotDays }));
  const perShard = {
    hot: copiesOf(logs.replicas, cluster.dataNodes),
    cold: 1 + logs.coldReplicas,
    own: copiesOf(undefined, cluster.dataNodes),
  };
  const logShards = logs.shards * (hotLogIndices * perShard.hot + (logIndices - hotLogIndices) * perShard.cold);
  const ownIndexShards = input.ownIndices * perShard.own;
  const needed = logShards + ownIndexShards;
  const current = cluster.activeShards + cluster.unassignedShards;
  // A concurrent deletion between the two reads can make ownShards exceed the total.
  const others = Math.max(0, current - cluster.ownShards);
  const capacity = cluster.maxShardsPerNode * cluster.dataNodes;
  const total = needed + others;
  const peak = Math.max(total, current);
  const shardsPerHeapGiB = cluster.heapBytes > 0 ? peak / (cluster.heapBytes / GIB) : null;
  const warnings: ShardBudgetWarning[] = [];
  if (peak > capacity * SHARD_WARN_FRACTION) warnings.push('near_capacity');
  if (shardsPerHeapGiB !== null && shardsPerHeapGiB > SHARDS_PER_HEAP_GIB) warnings.push('heap');
  const refused = total > capacity * (1 - SHARD_RESERVE_FRACTION);
  return {
    logIndices,
    hotLogIndices,
    copies: perShard,
    logShards,
    ownIndexShards,
    needed,
    others,
    current,
    capacity,
    maxShardsPerNode: cluster.maxShardsPerNode,
    dataNodes: cluster.dataNodes,
    headroom: capacity - total,
    shardsPerHeapGiB,
    verdict: refused ? 'refuse' : warnings.length > 0 ? 'warn' : 'ok',
    warnings,
  };
}

/**
 * Whether `newShards` more shard copies leave the cluster's last `reserveFraction` (default 5 %)
 * of capacity free. The shipper asks before it creates an index, and dead-letters
 * (`no_shard_headroom`) rather than take the shards every tenant needs to create indices.
 */
export function hasShardHeadroom(
  facts: ClusterShardFacts,
  newShards: number,
  reserveFraction = SHARD_RESERVE_FRACTION,
): boolean {
  const capacity = facts.maxShardsPerNode * facts.dataNodes;
  return facts.activeShards + facts.unassignedShards + newShards <= capacity * (1 - reserveFraction);
}
