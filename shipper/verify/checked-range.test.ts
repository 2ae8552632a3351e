import { describe, expect, it } from 'vitest';
import { signedChain, testKey } from '../../test/signed-chain.ts';
import { checkedRange } from './checked-range.ts';
import { verifyCheckpoints } from './checkpoint-set.ts';

const key = testKey();
const BASE = Date.parse('2026-11-02T00:00:00Z');
const MINUTE = 60_000;
const checkpointsOf = (final: boolean) => {
  // Record seq at minute seq; checkpoints at 9, 19, 29, 39 (+ final at 44).
  const chain = signedChain({
    producerId: 'p',
    key,
    count: 45,
    every: 10,
    final,
    time: (s) => BASE + s * MINUTE,
    index: () => 'logs',
  });
  return verifyCheckpoints(
    chain.checkpoints.map((value) => ({ origin: 'cluster', where: 'c', value })),
    new Map([[key.keyId, key.publicKey]]),
  );
};
const at = (minute: number) => new Date(BASE + minute * MINUTE);

describe('checkedRange', () => {
  it('widens the seqs seen in the window to the checkpoints around them', () => {
    expect(checkedRange(checkpointsOf(true), { min: 12, max: 23 }, { from: at(12), to: at(24) })).toEqual({
      from: 10,
      to: 29,
    });
  });

  it('runs on to the end when the range reaches the last checkpoint', () => {
    expect(checkedRange(checkpointsOf(true), { min: 41, max: 42 }, { from: at(41), to: at(43) })).toEqual({
      from: 40,
      to: null,
    });
    expect(checkedRange(checkpointsOf(false), { min: 41, max: 42 }, { from: at(41), to: at(43) })).toEqual({
      from: 40,
      to: null,
    });
  });

  it('covers the interval a checkpoint written in the window counted, with no record in the window', () => {
    expect(checkedRange(checkpointsOf(true), null, { from: at(19), to: at(19.5) })).toEqual({ from: 10, to: 19 });
  });

  it('selects nothing for a producer that did nothing in the window', () => {
    expect(checkedRange(checkpointsOf(true), null, { from: at(100), to: at(200) })).toBeNull();
  });
});
