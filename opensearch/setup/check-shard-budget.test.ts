import { describe, expect, it } from 'vitest';
import { shardBudget } from '../capacity/shard-budget.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { ConfigError, parseEnv } from '../config/parse-env.ts';
import { describeShardBudget, ShardBudgetError } from './check-shard-budget.ts';
import { setupConfigFromEnv } from './setup-config.ts';

const config = (env: Record<string, string>) =>
  setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: 'crm', ...env }));
const cluster = { activeShards: 40, unassignedShards: 0, ownShards: 0, maxShardsPerNode: 200, heapBytes: 0 };

describe('the shard budget refusal', () => {
  it('is a configuration error that spells out hot and cold copies when they differ', () => {
    // Weekly, 1 shard, 1 replica while hot, none cold, on two nodes with 200 shards each.
    const budget = shardBudget({
      logs: {
        period: 'week',
        hotDays: 90,
        deleteDays: 730,
        clockSkewMs: 300_000,
        shards: 1,
        replicas: 1,
        coldReplicas: 0,
      },
      ownIndices: 14,
      cluster: { ...cluster, dataNodes: 2 },
    });
    const hot = 1 + Math.ceil(90 / 7) + 1 + 1;
    const cold = 1 + Math.ceil(730 / 7) + 1 + 1 - hot;
    const error = new ShardBudgetError(budget, config({ SYNCLOG_INDEX_PERIOD: 'week', SYNCLOG_INDEX_REPLICAS: '1' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(
      `(${hot} hot week log indices × 2 copies + ${cold} cold × 1) × 1 shard = ${hot * 2 + cold} shards`,
    );
    expect(error.message).toContain(
      `+ 28 for synclog's own indices, + 40 other shards already on the cluster = ${hot * 2 + cold + 28 + 40}`,
    );
    expect(error.message).toContain("above 95 % of the cluster's 400 (cluster.max_shards_per_node 200 × 2 data nodes)");
  });

  it('sums up the budget in one report line', () => {
    const budget = shardBudget({
      logs: {
        period: 'month',
        hotDays: 90,
        deleteDays: 730,
        clockSkewMs: 300_000,
        shards: 1,
        replicas: undefined,
        coldReplicas: 0,
      },
      ownIndices: 14,
      cluster: { ...cluster, maxShardsPerNode: 1_000, dataNodes: 1 },
    });
    expect(describeShardBudget(budget)).toBe(
      "shard budget: 44 needed (30 for 30 log indices, 14 for synclog's own), 40 held by others, capacity 1000, headroom 916",
    );
  });
});
