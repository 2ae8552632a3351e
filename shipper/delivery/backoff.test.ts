import { describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from './backoff.ts';

const options = { initialBackoffMs: 100, maxBackoffMs: 10_000 };

describe('backoff', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(800);
    expect(backoffDelay(20, options, () => 1)).toBe(10_000);
    expect(backoffDelay(3, options, () => 0.5)).toBe(400);
    expect(backoffDelay(3, options, () => 0)).toBe(1);
  });

  it("lets the server's Retry-After decide, within the cap", () => {
    expect(backoffDelay(0, options, () => 1, 3_000)).toBe(3_000);
    expect(backoffDelay(0, options, () => 1, 60_000)).toBe(10_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2', 0)).toBe(2_000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:05 GMT', 0)).toBe(5_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
});
