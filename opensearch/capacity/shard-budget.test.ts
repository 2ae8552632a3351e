import { describe, expect, it } from 'vitest';
import { hasShardHeadroom, shardBudget, type ShardBudgetInput } from './shard-budget.ts';

const GIB = 1024 ** 3;

/** synclog's defaults on an empty single node with a 64 GiB heap (20 shards per GiB: 1,280). */
function input(
  overrides: {
    logs?: Partial<ShardBudgetInput['logs']>;
    cluster?: Partial<ShardBudgetInput['cluster']>;
    ownIndices?: number;
  } = {},
): ShardBudgetInput {
  return {
    logs: {
      period: 'month',
      hotDays: 90,
      deleteDays: 730,
      clockSkewMs: 300_000,
      shards: 1,
      replicas: undefined,
      coldReplicas: 0,
      ...overrides.logs,
    },
    ownIndices: overrides.ownIndices ?? 14,
    cluster: {
      activeShards: 0,
      unassignedShards: 0,
      maxShardsPerNode: 1_000,
      dataNodes: 1,
      ownShards: 0,
      heapBytes: 64 * GIB,
      ...overrides.cluster,
    },
  };
}

describe('the shard budget of a configuration', () => {
  it('refuses day periods with 2 shards kept 2 years on one node, naming the numbers', () => {
    const budget = shardBudget(input({ logs: { period: 'day', shards: 2 }, cluster: { heapBytes: GIB / 2 } }));
    // Today, 730 kept days, the day the 5-minute skew reaches into, and one for the horizon's partial day.
    const periods = 1 + 730 + 1 + 1;
    expect(budget.logIndices).toBe(periods);
    expect(budget.logShards).toBe(periods * 2);
    expect(budget.needed).toBe(periods * 2 + 14);
    expect(budget.capacity).toBe(1_000);
    expect(budget.headroom).toBe(1_000 - (periods * 2 + 14));
    expect(budget.verdict).toBe('refuse');
  });

  it('accepts the default monthly configuration on a single node with room to spare', () => {
    const budget = shardBudget(input());
    const periods = 1 + Math.ceil(730 / 28) + 1 + 1;
    expect(budget).toMatchObject({
      logIndices: periods,
      logShards: periods,
      ownIndexShards: 14,
      needed: periods + 14,
      others: 0,
      verdict: 'ok',
      warnings: [],
    });
    expect(budget.shardsPerHeapGiB).toBeCloseTo((periods + 14) / 64);
  });

  it('warns past 20 shards per GiB of data-node heap, and only then', () => {
    const needed = 1 + Math.ceil(730 / 28) + 1 + 1 + 14;
    expect(shardBudget(input({ cluster: { heapBytes: GIB / 2 } }))).toMatchObject({
      verdict: 'warn',
      warnings: ['heap'],
    });
    expect(shardBudget(input({ cluster: { heapBytes: (needed / 20) * GIB } })).warnings).toEqual([]);
    expect(shardBudget(input({ cluster: { heapBytes: (needed / 20) * GIB - 1 } })).warnings).toEqual(['heap']);
  });

  it('makes no heap judgement when the heap is unknown', () => {
    expect(shardBudget(input({ cluster: { heapBytes: 0 } }))).toMatchObject({ shardsPerHeapGiB: null, verdict: 'ok' });
  });

  it('counts replicas on hot indices and the cold phase replicas on the rest', () => {
    const budget = shardBudget(
      input({ logs: { period: 'week', replicas: 1, coldReplicas: 0 }, cluster: { dataNodes: 3 } }),
    );
    const all = 1 + Math.ceil(730 / 7) + 1 + 1;
    const hot = 1 + Math.ceil(90 / 7) + 1 + 1;
    expect(budget.hotLogIndices).toBe(hot);
    expect(budget.logShards).toBe(hot * 2 + (all - hot) * 1);
    // Own indices expand to one replica as soon as there are two data nodes.
    expect(budget.ownIndexShards).toBe(14 * 2);
    expect(budget.capacity).toBe(3_000);
  });

  it('expands unset replicas to one only when the cluster has a second data node', () => {
    const all = 1 + Math.ceil(730 / 28) + 1 + 1;
    const hot = 1 + Math.ceil(90 / 28) + 1 + 1;
    expect(shardBudget(input({ cluster: { dataNodes: 1 } })).logShards).toBe(all);
    expect(shardBudget(input({ cluster: { dataNodes: 2 } })).logShards).toBe(hot * 2 + (all - hot));
  });

  it('counts the shards other tenants hold, not the ones synclog already has', () => {
    const needed = 1 + Math.ceil(730 / 28) + 1 + 1 + 14;
    const budget = shardBudget(input({ cluster: { activeShards: 880, unassignedShards: 20, ownShards: 44 } }));
    expect(budget.others).toBe(900 - 44);
    expect(budget.current).toBe(900);
    expect(budget.headroom).toBe(1_000 - needed - (900 - 44));
  });

  it('warns past 90 % of capacity, and refuses past 95 %', () => {
    const needed = 1 + Math.ceil(730 / 28) + 1 + 1 + 14;
    const withOthers = (others: number) => shardBudget(input({ cluster: { activeShards: others } }));
    expect(withOthers(900 - needed).verdict).toBe('ok');
    expect(withOthers(901 - needed)).toMatchObject({ verdict: 'warn', warnings: ['near_capacity'] });
    expect(withOthers(950 - needed).verdict).toBe('warn');
    expect(withOthers(951 - needed).verdict).toBe('refuse');
  });

  it('warns when the cluster is nearly full now, though the steady state fits', () => {
    // synclog holds 960 shards today (say, far-apart periods from before the window was enforced).
    const budget = shardBudget(input({ cluster: { activeShards: 960, ownShards: 960 } }));
    expect(budget).toMatchObject({ others: 0, verdict: 'warn', warnings: ['near_capacity'] });
  });

  it('never counts fewer than zero other shards when an index vanished between two reads', () => {
    expect(shardBudget(input({ cluster: { activeShards: 10, ownShards: 30 } })).others).toBe(0);
  });

  it('refuses everything on a cluster without data nodes', () => {
    expect(shardBudget(input({ cluster: { dataNodes: 0 } }))).toMatchObject({ capacity: 0, verdict: 'refuse' });
  });

  it('counts one more period for each period the clock skew reaches ahead', () => {
    expect(shardBudget(input({ logs: { period: 'day', clockSkewMs: 0 } })).logIndices).toBe(1 + 730 + 1);
    expect(shardBudget(input({ logs: { period: 'day', clockSkewMs: 2 * 86_400_000 } })).logIndices).toBe(
      1 + 730 + 1 + 2,
    );
  });
});

describe('shard headroom for one more index', () => {
  const facts = { activeShards: 0, unassignedShards: 0, maxShardsPerNode: 1_000, dataNodes: 1 };

  it('allows an index that leaves the last 5 % free, and refuses the one that would not', () => {
    expect(hasShardHeadroom({ ...facts, activeShards: 949 }, 1)).toBe(true);
    expect(hasShardHeadroom({ ...facts, activeShards: 950 }, 1)).toBe(false);
    expect(hasShardHeadroom({ ...facts, activeShards: 999 }, 1)).toBe(false);
  });

  it('counts unassigned shards and every copy of the new index', () => {
    expect(hasShardHeadroom({ ...facts, activeShards: 900, unassignedShards: 48 }, 2)).toBe(true);
    expect(hasShardHeadroom({ ...facts, activeShards: 900, unassignedShards: 48 }, 3)).toBe(false);
  });

  it('scales with the data nodes and honours another reserve', () => {
    expect(hasShardHeadroom({ ...facts, activeShards: 1_800, dataNodes: 2 }, 100)).toBe(true);
    expect(hasShardHeadroom({ ...facts, activeShards: 1_800, dataNodes: 2 }, 101)).toBe(false);
    expect(hasShardHeadroom({ ...facts, activeShards: 999 }, 1, 0)).toBe(true);
    expect(hasShardHeadroom({ ...facts, activeShards: 999 }, 2, 0)).toBe(false);
  });

  it('has no headroom on a cluster without data nodes', () => {
    expect(hasShardHeadroom({ ...facts, dataNodes: 0 }, 1)).toBe(false);
  });
});
