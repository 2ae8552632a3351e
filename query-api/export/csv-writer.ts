import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { coalesceChunks } from './coalesce-chunks.ts';
import { drained } from './drained.ts';
import type { ExportCell } from './export-layout.ts';

/**
 * Streams rows as CSV (UTF-8 with a byte order mark, so spreadsheet programs read the Cyrillic
 * right) into `out` with csv-stringify's streaming writer, a page of rows at a time, waiting while
 * `out` is behind. Fields are separated by `delimiter` (`;` for spreadsheets in a Russian locale,
 * where `,` is the decimal mark); a field holding it is quoted. Stops early when `out` goes away (the client left). Ends `out` when done, and
 * destroys it when reading the rows fails.
 */
export async function writeCsv(
  batches: AsyncIterable<ReadonlyArray<ReadonlyArray<ExportCell>>>,
  header: readonly string[],
  out: Writable,
  delimiter: ',' | ';' = ',',
): Promise<void> {
  // Booleans as `true`/`false`: csv-stringify's default (`1` or empty) reads a false as missing.
  const csv = stringify({
    bom: true,
    delimiter,
    cast: { boolean: (value) => String(value), date: (value) => value.toISOString() },
  });
  const written = pipeline(csv, coalesceChunks(), out);
  // A client that leaves fails this while rows are still being fetched; it is awaited below.
  written.catch(() => {});
  try {
    csv.write(header);
    for await (const batch of batches) {
      if (csv.destroyed) break;
      for (const row of batch) csv.write(row);
      if (csv.writableNeedDrain) await drained(csv);
    }
  } catch (error) {
    // Reading the records failed: break `out` off rather than end it as if the file were whole.
    csv.destroy(error as Error);
    throw error;
  }
  csv.end();
  await written;
}
