import { describe, expect, it } from 'vitest';
import { ackTimes, bulkSeqRange } from './bulk-acks.ts';

const line = (seq: number) =>
  `{"create":{"_index":"i","_id":"e${seq}"}}\n{"message":"m","producer_seq":${seq},"level":"info"}\n`;

describe('bulkSeqRange', () => {
  it('reads the first and last sequence of a bulk body given as a buffer or a string', () => {
    const text = [7, 8, 9, 10].map(line).join('');
    expect(bulkSeqRange(Buffer.from(text))).toEqual({ first: 7, last: 10 });
    expect(bulkSeqRange(text)).toEqual({ first: 7, last: 10 });
  });

  it('gives null for a body without sequences', () => {
    expect(bulkSeqRange('{"index":{}}\n{"a":1}\n')).toBeNull();
    expect(bulkSeqRange(undefined)).toBeNull();
  });
});

describe('ackTimes', () => {
  it('gives each sequence the send or answer time of the last request that carried it', () => {
    const acks = [0, 2, 90, 100, 3, 4, 150, 200, 2, 3, 250, 300];
    expect(Array.from(ackTimes(acks, 6, 3))).toEqual([100, 100, 300, 300, 200, NaN]);
    expect(Array.from(ackTimes(acks, 6, 2))).toEqual([90, 90, 250, 250, 150, NaN]);
  });
});
