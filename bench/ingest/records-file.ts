import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';

/**
 * Every contender gets the same documents: the parent generates them once into an NDJSON file and
 * each child reads that file. Records fall in one month, so each contender writes one index.
 */
export const RECORDS_FROM = new Date('2026-11-01T00:00:00.000Z');
export const RECORDS_TO = new Date('2026-11-30T23:59:59.999Z');

export interface RecordsFileSummary {
  readonly count: number;
  readonly bytes: number;
  readonly averageBytes: number;
}

export function writeRecordsFile(path: string, options: { seed: number; count: number }): RecordsFileSummary {
  const records = generateRecords({ seed: options.seed, count: options.count, from: RECORDS_FROM, to: RECORDS_TO });
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    // In slices: one string for the whole file would pass V8's string length limit at ~500k records.
    for (let i = 0; i < records.length; i += 10_000) {
      const text = `${records
        .slice(i, i + 10_000)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`;
      bytes += writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
  return { count: records.length, bytes, averageBytes: bytes / Math.max(1, records.length) - 1 };
}

/**
 * The records of the file, kept as one off-heap buffer with line offsets: held input adds no work to
 * the garbage collector of the process being measured. Each record is parsed when it is logged.
 */
export interface RecordLines {
  readonly count: number;
  /** The JSON text of record `i`, exactly as written. */
  text(i: number): string;
  record(i: number): SyncLogRecord;
}

export function readRecordLines(path: string, limit = Infinity): RecordLines {
  const buffer = readFileSync(path);
  const starts: number[] = [];
  const ends: number[] = [];
  let start = 0;
  while (start < buffer.length && starts.length < limit) {
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    if (end > start) {
      starts.push(start);
      ends.push(end);
    }
    start = end + 1;
  }
  const text = (i: number) => buffer.toString('utf8', starts[i]!, ends[i]!);
  return { count: starts.length, text, record: (i) => JSON.parse(text(i)) as SyncLogRecord };
}
