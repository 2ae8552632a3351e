import { describe, expect, it } from 'vitest';
import { completePairs, segmentFileName, segmentNumber } from './segment-file.ts';

const pair = (n: number) => `{"create":{"_id":"r${n}"}}\n{"n":${n}}\n`;

describe('segment files', () => {
  it('names segments so that a directory listing sorts them by number', () => {
    expect(segmentFileName(7)).toBe('000000000007.ndjson');
    expect(segmentNumber('000000000007.ndjson')).toBe(7);
    expect(segmentNumber('owner.json')).toBeNull();
    expect([segmentFileName(10), segmentFileName(9)].sort()).toEqual([segmentFileName(9), segmentFileName(10)]);
  });

  it('counts complete line pairs and ends the usable text after the last one', () => {
    const whole = pair(1) + pair(2);
    expect(completePairs(Buffer.from(whole))).toEqual({ end: Buffer.byteLength(whole), records: 2 });
  });

  it('leaves out a torn document line and an action line without its document', () => {
    const whole = pair(1);
    const tornDocument = Buffer.from(`${whole}{"create":{"_id":"r2"}}\n{"n":`);
    const loneAction = Buffer.from(`${whole}{"create":{"_id":"r2"}}\n`);
    expect(completePairs(tornDocument)).toEqual({ end: whole.length, records: 1 });
    expect(completePairs(loneAction)).toEqual({ end: whole.length, records: 1 });
    expect(completePairs(Buffer.from('{"create":'))).toEqual({ end: 0, records: 0 });
  });
});
