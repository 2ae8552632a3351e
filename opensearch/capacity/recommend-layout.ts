import { INDEX_PERIODS, MAX_PERIOD_DAYS, type IndexPeriod } from '../record/index-period.ts';
import type { CapacityInput } from './capacity-input.ts';
import { capacityModel, type CapacityPlan } from './capacity-model.ts';

export interface LayoutOption {
  readonly period: IndexPeriod;
  readonly shards: number;
  readonly plan: CapacityPlan;
}

export interface LayoutRecommendation {
  /** One option per period, each with the fewest shards that keep a shard under the target maximum. */
  readonly options: readonly LayoutOption[];
  readonly recommended: LayoutOption;
}

/** Primary shards that keep the largest shard of a `period` index at or under the target maximum. */
export function shardsFor(input: Omit<CapacityInput, 'period' | 'shards'>, period: IndexPeriod): number {
  const indexBytes = input.recordsPerDay * MAX_PERIOD_DAYS[period] * input.bytesPerRecord;
  return Math.max(1, Math.ceil(indexBytes / input.targetShardBytes.max));
}

const sizeWarnings = (plan: CapacityPlan) =>
  plan.warnings.filter((w) => w === 'shard_too_small' || w === 'shard_too_large').length;

/**
 * The period and shard count to choose: shards within the target size first, then the fewest
 * nodes, then the fewest shard copies (each costs heap and cluster state), then the least hot disk.
 */
export function recommendLayout(input: Omit<CapacityInput, 'period' | 'shards'>): LayoutRecommendation {
  const options = INDEX_PERIODS.map((period) => {
    const shards = shardsFor(input, period);
    return { period, shards, plan: capacityModel({ ...input, period, shards }) };
  });
  const cost = ({ plan }: LayoutOption) => [
    sizeWarnings(plan),
    plan.nodes.total,
    plan.hot.shardCopies + plan.cold.shardCopies,
    plan.hot.diskBytes,
  ];
  const better = (a: LayoutOption, b: LayoutOption) => {
    const [ca, cb] = [cost(a), cost(b)];
    const differs = ca.findIndex((value, i) => value !== cb[i]);
    return differs >= 0 && ca[differs]! < cb[differs]! ? a : b;
  };
  return { options, recommended: options.reduce((best, option) => better(option, best)) };
}
