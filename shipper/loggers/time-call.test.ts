import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeCall, type CallOutcome } from './time-call.ts';

describe('timeCall', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports an async result once the promise settles, not when it is returned', async () => {
    let now = 0;
    const outcomes: CallOutcome[] = [];
    const pending = timeCall(
      () => now,
      async () => {
        await Promise.resolve();
        now = 30;
        return 'value';
      },
      (o) => outcomes.push(o),
    );

    expect(outcomes).toEqual([]);
    expect(await pending).toBe('value');
    expect(outcomes).toEqual([{ ok: true, durationMs: 30 }]);
  });

  it('never reports a negative duration from a clock that went backwards', () => {
    const times = [100, 90];
    const outcomes: CallOutcome[] = [];
    timeCall(
      () => times.shift() ?? 0,
      () => 1,
      (o) => outcomes.push(o),
    );
    expect(outcomes).toEqual([{ ok: true, durationMs: 0 }]);
  });

  it('keeps the work’s result when reporting it fails, and raises a process warning instead', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const result = timeCall(
      () => 0,
      () => 'exported to 1C',
      () => {
        throw new Error('transport closed');
      },
    );
    expect(result).toBe('exported to 1C');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('transport closed'));
  });
});
