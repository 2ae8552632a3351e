import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDEX_PERIODS, periodOf, type IndexPeriod } from '../record/index-period.ts';
import { capacityInput, type CapacityInput } from './capacity-input.ts';
import { capacityModel } from './capacity-model.ts';

const GIB = 1024 ** 3;
const lifecycle = { hot_days: 14, delete_days: 70, archive_keep_days: 140, cold: { replicas: 0 } };

/** Small round numbers, so every figure below can be worked out by hand. */
const small: CapacityInput = {
  recordsPerDay: 1_000_000,
  bytesPerRecord: 1_000,
  mergedBytesPerRecord: 800,
  archiveRatio: 0.5,
  period: 'week',
  shards: 2,
  replicas: 1,
  lifecycle,
  clockSkewMs: 0,
  ownIndices: 4,
  nodes: {
    maxShardsPerNode: 100,
    diskUsableFraction: 0.5,
    hot: { diskBytes: 30e9, heapBytes: GIB },
    cold: { diskBytes: 20e9, heapBytes: GIB },
  },
  targetShardBytes: { min: 10e9, max: 50e9 },
};

describe('the capacity model', () => {
  it('counts indices, shard copies and peak data per phase by hand for weekly indices', () => {
    const plan = capacityModel(small);
    // All indices: this week, 70 / 7 = 10 kept weeks, one for the horizon's partial week = 12; hot: 1 + 2 + 1 = 4.
    expect(plan.hot).toEqual({
      indices: 4,
      primaryShards: 8,
      shardCopies: 16,
      days: 14 + 7,
      primaryBytes: 21e9,
      diskBytes: 42e9,
    });
    expect(plan.cold).toEqual({
      indices: 8,
      primaryShards: 16,
      shardCopies: 16,
      days: 70 - 14 + 7,
      primaryBytes: 63 * 800e6,
      diskBytes: 63 * 800e6,
    });
    // Archives from the cold transition to 140 days: (1 + 20 + 1) − 4 snapshots of 133 days of merged records, halved.
    expect(plan.archive).toEqual({ indices: 18, days: 133, primaryBytes: 133 * 400e6, diskBytes: 133 * 400e6 });
    expect(plan.recordsPerIndex).toBe(7e6);
    expect(plan.shardBytes).toEqual({ hot: 3.5e9, cold: 2.8e9 });
  });

  it('sizes each tier by its tightest limit: disk, heap, shard count or copies', () => {
    const plan = capacityModel(small);
    // Hot: 16 copies + 4 own indices × 2; 90 per node, 20 per GiB of heap; 42 GB over 15 GB usable per node.
    expect(plan.nodes.hot).toEqual({ byShards: 1, byHeap: 2, byDisk: 3, byCopies: 2, needed: 3 });
    // Cold: 16 copies; 50.4 GB over 10 GB usable per node.
    expect(plan.nodes.cold).toEqual({ byShards: 1, byHeap: 1, byDisk: 6, byCopies: 1, needed: 6 });
    expect(plan.nodes.total).toBe(9);
  });

  it('judges the shard budget on the nodes it plans: 40 shard copies on 9 nodes are fine', () => {
    const plan = capacityModel(small);
    expect(plan.budget).toMatchObject({ needed: 16 + 16 + 8, capacity: 900, dataNodes: 9, verdict: 'ok' });
    expect(plan.budget.shardsPerHeapGiB).toBeCloseTo(40 / 9);
    expect(plan.warnings).toEqual(['shard_too_small']);
  });

  it('warns of shards past the target maximum', () => {
    expect(capacityModel({ ...small, recordsPerDay: 20_000_000 }).warnings).toEqual(['shard_too_large']);
    expect(capacityModel({ ...small, recordsPerDay: 10_000_000 }).warnings).toEqual([]);
  });

  it('judges a cluster that exists: too few nodes per tier, and its shard budget', () => {
    const plan = capacityModel({ ...small, available: { hot: 1, cold: 0 } });
    expect(plan.nodes.total).toBe(9);
    expect(plan.warnings).toEqual(['shard_too_small', 'too_few_hot_nodes', 'too_few_cold_nodes', 'heap']);
    // 32 log shard copies + 4 own on one node: within 90 of its 100 shards, but 36 on a 1 GiB heap.
    expect(plan.budget).toMatchObject({ dataNodes: 1, needed: 36, verdict: 'warn', warnings: ['heap'] });
    const crowded = capacityModel({ ...small, shards: 6, available: { hot: 1, cold: 0 } });
    // 6 × (4 × 2 + 8) + 4 = 100 copies on one node of 100.
    expect(crowded.budget.needed).toBe(100);
    expect(crowded.warnings).toEqual(expect.arrayContaining(['budget_refused', 'near_capacity']));
  });

  it('plans a cold index and node even when the cold phase is shorter than a period', () => {
    // ceil(13 / 7) = ceil(8 / 7): the window counts alone would leave no cold index.
    const plan = capacityModel({ ...small, lifecycle: { ...lifecycle, hot_days: 8, delete_days: 13 } });
    expect(plan.cold).toMatchObject({ indices: 1, days: 5 + 7, diskBytes: 12 * 800e6 });
    expect(plan.nodes.cold.needed).toBe(1);
  });
});

const inputs = fc.record({
  recordsPerDay: fc.integer({ min: 1, max: 2_000_000_000 }),
  period: fc.constantFrom(...INDEX_PERIODS),
  shards: fc.integer({ min: 1, max: 64 }),
  replicas: fc.integer({ min: 0, max: 2 }),
  hotDays: fc.integer({ min: 1, max: 400 }),
  coldDays: fc.integer({ min: 1, max: 2_000 }),
  archiveExtra: fc.integer({ min: 0, max: 2_000 }),
  clockSkewMs: fc.integer({ min: 0, max: 86_400_000 }),
});
type Drawn = typeof inputs extends fc.Arbitrary<infer T> ? T : never;
const inputOf = (d: Drawn): CapacityInput =>
  capacityInput({
    recordsPerDay: d.recordsPerDay,
    period: d.period,
    shards: d.shards,
    replicas: d.replicas,
    clockSkewMs: d.clockSkewMs,
    ownIndices: 14,
    lifecycle: {
      hot_days: d.hotDays,
      delete_days: d.hotDays + d.coldDays,
      archive_keep_days: d.hotDays + d.coldDays + d.archiveExtra,
      cold: { replicas: 0 },
    },
  });
const DAY_MS = 86_400_000;

/** Walks the calendar's real periods around `now`: which are alive, hot and cold at that moment. */
function aliveAt(now: number, period: IndexPeriod, d: Drawn) {
  const deleteMs = (d.hotDays + d.coldDays) * DAY_MS;
  const hotMs = d.hotDays * DAY_MS;
  const counts = { alive: 0, hot: 0, cold: 0 };
  for (let p = periodOf(now - deleteMs - 40 * DAY_MS, period); p.start.getTime() <= now + d.clockSkewMs;) {
    const end = p.end.getTime();
    if (end + deleteMs > now) {
      counts.alive++;
      if (end + hotMs > now) counts.hot++;
      else counts.cold++;
    }
    p = periodOf(end, period);
  }
  return counts;
}

describe('the capacity model, for any configuration', () => {
  it('grows every phase’s disk linearly with the records per day', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 2, max: 1_000 }), (d, k) => {
        const one = capacityModel(inputOf(d));
        const many = capacityModel({ ...inputOf(d), recordsPerDay: d.recordsPerDay * k });
        for (const phase of ['hot', 'cold', 'archive'] as const)
          expect(many[phase].diskBytes / one[phase].diskBytes).toBeCloseTo(k, 6);
        expect(many.hot.indices).toBe(one.hot.indices);
      }),
    );
  });

  it('counts at least the indices alive, hot and cold at any moment of the real calendar', () => {
    fc.assert(
      fc.property(
        inputs.map((d) => ({ ...d, coldDays: Math.min(d.coldDays, 800) })),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (d, now) => {
          const plan = capacityModel(inputOf(d));
          const real = aliveAt(now.getTime(), d.period, d);
          expect(plan.indices).toBeGreaterThanOrEqual(real.alive);
          expect(plan.hot.indices).toBeGreaterThanOrEqual(real.hot);
          expect(plan.cold.indices).toBeGreaterThanOrEqual(real.cold);
        },
      ),
    );
  });

  it('plans nodes that hold their tier’s shards and disk within every limit', () => {
    fc.assert(
      fc.property(inputs, (d) => {
        const input = inputOf(d);
        const plan = capacityModel(input);
        const { hot, cold } = plan.nodes;
        const usable = (tier: 'hot' | 'cold') => input.nodes[tier].diskBytes * input.nodes.diskUsableFraction;
        expect(plan.hot.diskBytes).toBeLessThanOrEqual(hot.needed * usable('hot'));
        expect(plan.cold.diskBytes).toBeLessThanOrEqual(cold.needed * usable('cold'));
        expect(plan.hot.shardCopies + 14).toBeLessThanOrEqual(hot.needed * 620);
        expect(plan.cold.shardCopies).toBeLessThanOrEqual(cold.needed * 620);
        expect(hot.needed).toBeGreaterThanOrEqual(1 + d.replicas);
        expect(plan.budget.verdict).toBe('ok');
      }),
    );
  });
});
