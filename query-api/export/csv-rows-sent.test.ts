import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvRowsSent } from './csv-rows-sent.ts';

const header = ['event_id', 'message', 'customer'];
const rows = [
  ['1', 'plain', 'ООО «Ромашка»'],
  ['2', 'with, a comma', 'a "quoted" name'],
  ['3', 'two\nlines\nand "quotes"', ''],
  ['4', '"', '""'],
  ['5', 'ends with a line feed\n', 'x'],
];
const file = Buffer.from(stringify([header, ...rows], { bom: true }));

/** Data rows begun within the first `bytes` bytes, from csv-parse's own byte offsets. */
function rowsBegunIn(bytes: number): number {
  const records = parse(file, { bom: true, info: true }) as unknown as Array<{ info: { bytes: number } }>;
  const starts = [0, ...records.map((r) => r.info.bytes)].slice(1, records.length);
  return starts.filter((start) => start < bytes).length;
}

const countedIn = (chunks: Buffer[]) => {
  const counter = csvRowsSent();
  for (const chunk of chunks) counter.add(chunk);
  return counter.rows();
};

describe('the CSV rows sent', () => {
  it('counts every data row of a whole file, whatever its fields hold, in one chunk or byte by byte', () => {
    expect(countedIn([file])).toBe(rows.length);
    expect(countedIn([...file].map((b) => Buffer.from([b])))).toBe(rows.length);
  });

  it('counts the rows begun in every prefix of the file, a row cut mid-field included', () => {
    for (let cut = 0; cut <= file.length; cut++) {
      expect(countedIn([file.subarray(0, Math.min(cut, 7)), file.subarray(Math.min(cut, 7), cut)])).toBe(
        rowsBegunIn(cut),
      );
    }
  });

  it('counts no rows for a file with only its header', () => {
    expect(countedIn([Buffer.from(stringify([header], { bom: true }))])).toBe(0);
  });
});
