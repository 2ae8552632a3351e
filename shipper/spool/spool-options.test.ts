import { describe, expect, it, vi } from 'vitest';
import { resolveSpoolOptions } from './spool-options.ts';

const base = { dir: '/tmp/spool', producerId: 'p1', mode: 'spool', onError: () => {} } as const;

describe('spool options', () => {
  it('fills the documented defaults', () => {
    expect(resolveSpoolOptions(base)).toMatchObject({
      maxBytes: 1024 ** 3,
      segmentBytes: 16 * 1024 ** 2,
      fsync: 'interval',
      fsyncIntervalMs: 1_000,
      whenFull: 'drop-oldest',
    });
  });

  it('refuses a producer id that is not a plain directory name, naming the option', () => {
    for (const producerId of ['a/b', '..', '', 'a~b']) {
      expect(() => resolveSpoolOptions({ ...base, producerId })).toThrow(/producerId/);
    }
  });

  it('refuses sizes that are not positive whole numbers, naming the option', () => {
    expect(() => resolveSpoolOptions({ ...base, maxBytes: 0 })).toThrow(/maxBytes/);
    expect(() => resolveSpoolOptions({ ...base, segmentBytes: 1.5 })).toThrow(/segmentBytes/);
  });

  it('clamps segmentBytes to maxBytes with a warning', () => {
    const onWarning = vi.fn();
    expect(resolveSpoolOptions({ ...base, maxBytes: 100, segmentBytes: 1_000, onWarning }).segmentBytes).toBe(100);
    expect(onWarning).toHaveBeenCalledWith(expect.stringMatching(/segmentBytes 1000 exceeds maxBytes 100/));
  });
});
