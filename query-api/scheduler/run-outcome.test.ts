import { describe, expect, it } from 'vitest';
import type { RunRecord } from './run-records.ts';
import { describeError, jsonSafe, retryDelay, withoutRetry } from './run-outcome.ts';

describe('run outcomes', () => {
  it('doubles the retry delay per attempt from the base, capped at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(attempt, 30_000, 600_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 600_000,
    ]);
  });

  it('stores bigints as strings and an unserialisable value as its string form', () => {
    expect(jsonSafe({ n: 10n, list: [1, 'a'] })).toEqual({ n: '10', list: [1, 'a'] });
    const circular: { self?: unknown } = {};
    circular.self = circular;
    expect(jsonSafe(circular)).toBe('[object Object]');
  });

  it('describes an error by name and message, at most 4 000 characters', () => {
    expect(describeError(new TypeError('bad input'))).toBe('TypeError: bad input');
    expect(describeError('x'.repeat(5_000))).toHaveLength(4_000);
  });

  it('drops the traces of an earlier failed attempt and keeps the rest', () => {
    const failed = {
      job: 'j',
      period: '2026-11-23T10:00:00.000Z',
      state: 'failed',
      trigger: 'schedule',
      attempts: 1,
      instance: 'a',
      created_at: '2026-11-23T10:00:00.000Z',
      started_at: '2026-11-23T10:00:00.000Z',
      heartbeat_at: '2026-11-23T10:00:01.000Z',
      error: 'Error: boom',
      next_attempt_at: '2026-11-23T10:00:31.000Z',
    } satisfies RunRecord;
    const { error: _e, next_attempt_at: _n, ...kept } = failed;
    expect(withoutRetry(failed)).toEqual(kept);
  });
});
