import { describe, expect, it } from 'vitest';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { misplaced, splitOlderHalf, type ShardPlace, type TemperedIndex } from './hot-cold-placement.ts';
import { scopeRanges, scoped } from './hot-cold-scopes.ts';

const names = indexNames('bench-hotcold');
const month = (suffix: string): TemperedIndex => {
  const index = `bench-hotcold-logs-${suffix}`;
  return { index, period: names.periodOfIndex(index)! };
};
const shard = (index: string, node: string, temp: string, state = 'STARTED'): ShardPlace => ({
  index: `bench-hotcold-logs-${index}`,
  shard: '0',
  prirep: 'p',
  state,
  docs: '10',
  store: '1kb',
  node,
  temp,
});

describe('splitOlderHalf', () => {
  it('makes the older half cold by period, whatever order the indices come in', () => {
    const { cold, hot } = splitOlderHalf([month('2026.03'), month('2026.01'), month('2026.04'), month('2026.02')]);
    expect(cold.map((i) => i.index)).toEqual(['bench-hotcold-logs-2026.01', 'bench-hotcold-logs-2026.02']);
    expect(hot.map((i) => i.index)).toEqual(['bench-hotcold-logs-2026.03', 'bench-hotcold-logs-2026.04']);
  });

  it('keeps the middle index hot when the count is odd, and makes nothing cold of one index', () => {
    expect(splitOlderHalf([month('2026.01'), month('2026.02'), month('2026.03')]).cold).toHaveLength(1);
    expect(splitOlderHalf([month('2026.01')]).cold).toEqual([]);
  });
});

describe('misplaced', () => {
  const { cold, hot } = splitOlderHalf([month('2026.01'), month('2026.02')]);

  it('accepts every shard of a cold index on a cold node and of a hot one on a hot node', () => {
    const shards = [shard('2026.01', 'n1', 'cold'), shard('2026.02', 'n0', 'hot')];
    expect(misplaced({ cold, hot, shards })).toBeNull();
  });

  it('names a cold index still on the hot node, a relocating shard, and an index without shards', () => {
    expect(misplaced({ cold, hot, shards: [shard('2026.01', 'n0', 'hot'), shard('2026.02', 'n0', 'hot')] })).toBe(
      'bench-hotcold-logs-2026.01 shard 0 is STARTED on n0 (temp=hot)',
    );
    const moving = [shard('2026.01', 'n1', 'cold', 'RELOCATING'), shard('2026.02', 'n0', 'hot')];
    expect(misplaced({ cold, hot, shards: moving })).toMatch(/RELOCATING/);
    expect(misplaced({ cold, hot, shards: [shard('2026.02', 'n0', 'hot')] })).toBe(
      'bench-hotcold-logs-2026.01 has no shards',
    );
  });
});

describe('scopeRanges', () => {
  it('covers exactly the periods of each side, and both sides for the whole', () => {
    const { cold, hot } = splitOlderHalf([month('2026.01'), month('2026.02'), month('2026.03'), month('2026.04')]);
    const ranges = scopeRanges(cold, hot);
    expect([ranges.cold.from, ranges.cold.to].map((d) => d.toISOString())).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
    expect([ranges.hot.from, ranges.hot.to].map((d) => d.toISOString())).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-05-01T00:00:00.000Z',
    ]);
    expect([...ranges.both.indices].sort()).toEqual([...cold, ...hot].map((i) => i.index));
    expect(new URLSearchParams(scoped('status=error', ranges.hot)).get('to')).toBe('2026-05-01T00:00:00.000Z');
  });
});
