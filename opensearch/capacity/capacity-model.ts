import { MAX_PERIOD_DAYS } from '../record/index-period.ts';
import type { CapacityInput, NodeSize } from './capacity-input.ts';
import { budgetOn, phaseLoads, type ArchiveLoad, type PhaseLoad } from './phase-loads.ts';
import { SHARD_WARN_FRACTION, SHARDS_PER_HEAP_GIB, type ShardBudget, type ShardBudgetWarning } from './shard-budget.ts';

const GIB = 1024 ** 3;

/** Nodes a tier needs by each limit; `needed` is the largest. */
export interface TierNodes {
  /** Shard copies under 90 % of `max_shards_per_node`, where the shard budget starts warning. */
  readonly byShards: number;
  /** At most 20 shard copies per GiB of heap. */
  readonly byHeap: number;
  /** Data within the usable share of each node's disk. */
  readonly byDisk: number;
  /** A replica never shares a node with its primary. */
  readonly byCopies: number;
  readonly needed: number;
}

export type CapacityWarning =
  | 'shard_too_small'
  | 'shard_too_large'
  | 'too_few_hot_nodes'
  | 'too_few_cold_nodes'
  | 'budget_refused'
  | ShardBudgetWarning;

export interface CapacityPlan {
  /** Log indices alive at once, at most; each phase's own peak is in `hot` and `cold`. */
  readonly indices: number;
  readonly recordsPerIndex: number;
  /** The largest primary shard, at the end of the longest period: as written (hot) and merged (cold). */
  readonly shardBytes: { readonly hot: number; readonly cold: number };
  readonly hot: PhaseLoad;
  readonly cold: PhaseLoad;
  readonly archive: ArchiveLoad;
  /** Hot nodes also hold synclog's own indices. */
  readonly nodes: { readonly hot: TierNodes; readonly cold: TierNodes; readonly total: number };
  /** The shard budget setup would judge: on the available nodes when given, else on the nodes needed. */
  readonly budget: ShardBudget;
  readonly warnings: readonly CapacityWarning[];
}

/**
 * Indices, shards, disk and nodes a configuration needs in its steady state. Pure: the same input
 * gives the same plan. Each phase is sized for its own peak (the most it holds at any moment), so
 * a tier's nodes suffice on the day its load is highest.
 */
export function capacityModel(input: CapacityInput): CapacityPlan {
  const { indices, hot, cold, archive } = phaseLoads(input);
  const noNodes = { byShards: 0, byHeap: 0, byDisk: 0, byCopies: 0, needed: 0 };
  const coldNodes =
    cold.indices === 0
      ? noNodes
      : tierNodes(cold.shardCopies, cold.diskBytes, 1 + input.lifecycle.cold.replicas, input.nodes.cold, input);
  // Own indices live on hot nodes and expand to one replica once the cluster has a second data node.
  const hotWithOwn = (ownCopies: number) =>
    tierNodes(
      hot.shardCopies + input.ownIndices * ownCopies,
      hot.diskBytes,
      1 + input.replicas,
      input.nodes.hot,
      input,
    );
  const single = hotWithOwn(1);
  const hotNodes = single.needed + coldNodes.needed > 1 ? hotWithOwn(2) : single;
  const judged = input.available ?? { hot: hotNodes.needed, cold: coldNodes.needed };
  const budget = budgetOn(
    input,
    judged.hot + judged.cold,
    judged.hot * input.nodes.hot.heapBytes + judged.cold * input.nodes.cold.heapBytes,
  );
  const recordsPerIndex = input.recordsPerDay * MAX_PERIOD_DAYS[input.period];
  const shardBytes = {
    hot: (recordsPerIndex * input.bytesPerRecord) / input.shards,
    cold: (recordsPerIndex * input.mergedBytesPerRecord) / input.shards,
  };
  const warnings: CapacityWarning[] = [];
  if (shardBytes.hot < input.targetShardBytes.min) warnings.push('shard_too_small');
  if (shardBytes.hot > input.targetShardBytes.max) warnings.push('shard_too_large');
  if (input.available && input.available.hot < hotNodes.needed) warnings.push('too_few_hot_nodes');
  if (input.available && input.available.cold < coldNodes.needed) warnings.push('too_few_cold_nodes');
  if (budget.verdict === 'refuse') warnings.push('budget_refused');
  warnings.push(...budget.warnings);
  return {
    indices,
    recordsPerIndex,
    shardBytes,
    hot,
    cold,
    archive,
    nodes: { hot: hotNodes, cold: coldNodes, total: hotNodes.needed + coldNodes.needed },
    budget,
    warnings,
  };
}

/** A tier's nodes by each limit: shards (budget warning line), heap (20 per GiB), usable disk, copies. */
function tierNodes(
  shardCopies: number,
  diskBytes: number,
  copies: number,
  node: NodeSize,
  input: CapacityInput,
): TierNodes {
  const byShards = Math.ceil(shardCopies / Math.floor(input.nodes.maxShardsPerNode * SHARD_WARN_FRACTION));
  const byHeap = Math.ceil(shardCopies / Math.max(1, Math.floor(SHARDS_PER_HEAP_GIB * (node.heapBytes / GIB))));
  const byDisk = Math.ceil(diskBytes / (node.diskBytes * input.nodes.diskUsableFraction));
  return { byShards, byHeap, byDisk, byCopies: copies, needed: Math.max(byShards, byHeap, byDisk, copies) };
}
