import { describe, expect, it } from 'vitest';
import { parseTimeValue } from './index-refresh.ts';
import { freshnessLatencies, latencyStats } from './latency-stats.ts';

describe('latencyStats', () => {
  it('reports nearest-rank percentiles of 1…100', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencyStats(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('reports NaN for no values', () => {
    expect(latencyStats([]).p95).toBeNaN();
  });
});

describe('freshnessLatencies', () => {
  it('subtracts each call time from its first-seen time and leaves unseen sequences out', () => {
    const calls = Float64Array.from([1_000, 1_010, 1_020]);
    const seen = Float64Array.from([2_500, NaN, 2_520]);
    expect(Array.from(freshnessLatencies(calls, seen))).toEqual([1_500, 1_500]);
  });
});

describe('parseTimeValue', () => {
  it('reads OpenSearch time values in milliseconds', () => {
    expect(parseTimeValue('1s')).toBe(1_000);
    expect(parseTimeValue('250ms')).toBe(250);
    expect(parseTimeValue('2m')).toBe(120_000);
  });

  it('gives NaN for a refresh turned off', () => {
    expect(parseTimeValue('-1')).toBeNaN();
  });
});
