import { describe, expect, it } from 'vitest';
import { createSequenceTracker, type ProducerSequence } from './sequence-tracker.ts';

function track(rows: Array<[string, number, number?]>, maxListed = 1_000): ProducerSequence[] {
  const tracker = createSequenceTracker(maxListed);
  const out: ProducerSequence[] = [];
  for (const [producer, seq, count] of rows) {
    const finished = tracker.add(producer, seq, count ?? 1);
    if (finished) out.push(finished);
  }
  const last = tracker.finish();
  if (last) out.push(last);
  return out;
}

describe('createSequenceTracker', () => {
  it('reports a contiguous sequence with no gaps and no repeats', () => {
    const [p] = track([
      ['a', 0],
      ['a', 1],
      ['a', 2],
    ]);
    expect(p).toMatchObject({
      producerId: 'a',
      first: 0,
      last: 2,
      records: 3,
      missing: 0,
      duplicates: 0,
      gaps: [],
      repeats: [],
    });
  });

  it('reports a missing range as one gap and counts every missing seq', () => {
    const [p] = track([
      ['a', 0],
      ['a', 4],
      ['a', 5],
      ['a', 7],
    ]);
    expect(p?.gaps).toEqual([
      { from: 1, to: 3 },
      { from: 6, to: 6 },
    ]);
    expect(p?.missing).toBe(4);
  });

  it('reports a seq stored several times with its count', () => {
    const [p] = track([
      ['a', 0],
      ['a', 1, 3],
      ['a', 2],
    ]);
    expect(p?.repeats).toEqual([{ seq: 1, count: 3 }]);
    expect(p).toMatchObject({ records: 5, duplicates: 2 });
  });

  it('starts each producer afresh and never reports a gap before its first seq', () => {
    const result = track([
      ['a', 5],
      ['a', 6],
      ['b', 0],
      ['b', 1],
    ]);
    expect(result.map((p) => [p.producerId, p.first, p.last, p.gaps.length])).toEqual([
      ['a', 5, 6, 0],
      ['b', 0, 1, 0],
    ]);
  });

  it('caps the listed gaps and repeats but keeps the counts exact', () => {
    const rows: Array<[string, number, number?]> = [];
    for (let seq = 0; seq < 20; seq += 2) rows.push(['a', seq, 2]);
    const [p] = track(rows, 3);
    expect(p?.gaps).toHaveLength(3);
    expect(p?.repeats).toHaveLength(3);
    expect(p).toMatchObject({ gapsTruncated: true, repeatsTruncated: true, missing: 9, duplicates: 10 });
  });
});
