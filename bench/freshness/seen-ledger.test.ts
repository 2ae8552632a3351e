import { describe, expect, it } from 'vitest';
import { createSeenLedger } from './seen-ledger.ts';

describe('createSeenLedger', () => {
  it('asks for nothing while no record is visible', () => {
    const ledger = createSeenLedger(10);
    expect(ledger.plan(0, -1)).toBe('nothing');
  });

  it('marks a contiguous run from the count and the highest sequence alone, with both times', () => {
    const ledger = createSeenLedger(10);
    expect(ledger.plan(4, 3)).toBe('all');
    ledger.markUpTo(3, 500, 450);
    ledger.settle();
    expect(ledger.low).toBe(4);
    expect(ledger.seen).toBe(4);
    expect(Array.from(ledger.firstSeen.slice(0, 5))).toEqual([500, 500, 500, 500, NaN]);
    expect(Array.from(ledger.notBefore.slice(0, 4))).toEqual([450, 450, 450, 450]);
  });

  it('asks to read the sequences when the visible records leave a gap', () => {
    const ledger = createSeenLedger(10);
    // Sequences 0–2 and 6–7 visible: 5 records, but 0…7 spans 8.
    expect(ledger.plan(5, 7)).toBe('read');
  });

  it('keeps the first-seen time of records above a gap once the gap fills', () => {
    const ledger = createSeenLedger(10);
    for (const seq of [0, 1, 2, 6, 7]) ledger.mark(seq, 100, 90);
    ledger.settle();
    expect(ledger.low).toBe(3);
    // The same five still visible, nothing new: no read.
    expect(ledger.plan(2, 7)).toBe('nothing');
    // 3–5 appear: 3…7 all visible now.
    expect(ledger.plan(5, 7)).toBe('all');
    ledger.markUpTo(7, 200, 150);
    ledger.settle();
    expect(ledger.low).toBe(8);
    expect(ledger.seen).toBe(8);
    expect(Array.from(ledger.firstSeen.slice(0, 8))).toEqual([100, 100, 100, 200, 200, 200, 100, 100]);
  });

  it('ignores sequences outside the expected range and ones already seen', () => {
    const ledger = createSeenLedger(3);
    ledger.mark(5, 100, 90);
    ledger.mark(-1, 100, 90);
    ledger.mark(1, 100, 90);
    ledger.mark(1, 300, 250);
    expect(ledger.seen).toBe(1);
    expect(ledger.firstSeen[1]).toBe(100);
  });
});
