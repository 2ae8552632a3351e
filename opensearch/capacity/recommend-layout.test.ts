import { describe, expect, it } from 'vitest';
import { capacityInput } from './capacity-input.ts';
import { capacityModel } from './capacity-model.ts';
import { recommendLayout, shardsFor } from './recommend-layout.ts';

const lifecycle = { hot_days: 90, delete_days: 730, archive_keep_days: 1_825, cold: { replicas: 0 } };
const base = (recordsPerDay: number) =>
  capacityInput({ recordsPerDay, period: 'month', lifecycle, ownIndices: 14, bytesPerRecord: 1_000 });

describe('the recommended index layout', () => {
  it('gives each period the fewest shards that keep a shard at or under 50 GB', () => {
    // 10 M × 1,000 B = 10 GB a day: a day 10 GB, a week 70 GB, a 31-day month 310 GB.
    expect(shardsFor(base(10_000_000), 'day')).toBe(1);
    expect(shardsFor(base(10_000_000), 'week')).toBe(2);
    expect(shardsFor(base(10_000_000), 'month')).toBe(7);
    expect(shardsFor(base(50_000_000), 'day')).toBe(1);
    expect(shardsFor(base(50_000_001), 'day')).toBe(2);
  });

  it('prefers shards within the target size, even at the cost of more shards', () => {
    // 1 M records a day: only a month index (31 GB) reaches 10 GB shards.
    const { recommended, options } = recommendLayout(base(1_000_000));
    expect(recommended).toMatchObject({ period: 'month', shards: 1 });
    expect(options.find((o) => o.period === 'day')!.plan.warnings).toContain('shard_too_small');
  });

  it('among layouts of equal standing, picks the one needing the fewest nodes', () => {
    const { recommended, options } = recommendLayout(base(10_000_000));
    const fewest = Math.min(...options.map((o) => o.plan.nodes.total));
    expect(recommended.plan.nodes.total).toBe(fewest);
    expect(recommended.plan).toEqual(
      capacityModel({ ...base(10_000_000), period: recommended.period, shards: recommended.shards }),
    );
  });

  it('falls back to the fewest shard copies when every layout has small shards', () => {
    // 1,000 records a day: every shard is tiny and every layout fits the same nodes.
    expect(recommendLayout(base(1_000)).recommended).toMatchObject({ period: 'month', shards: 1 });
  });
});
