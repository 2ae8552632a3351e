import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { drained } from './drained.ts';

/** XLSX's own limits: rows per sheet (with the header) and characters per cell. */
export interface XlsxLimits {
  readonly rowsPerSheet: number;
  readonly cellChars: number;
}

export const XLSX_LIMITS: XlsxLimits = { rowsPerSheet: 1_048_576, cellChars: 32_767 };
const TRUNCATED = '…[truncated]';

/** A cell within XLSX's character limit: an over-long text is cut and ends in a visible mark. */
export function fitCell<T>(cell: T, limits: XlsxLimits = XLSX_LIMITS): T | string {
  return typeof cell === 'string' && cell.length > limits.cellChars
    ? `${cell.slice(0, limits.cellChars - TRUNCATED.length)}${TRUNCATED}`
    : cell;
}

/**
 * Streams rows into an XLSX workbook on `out` with exceljs' streaming writer: a new sheet (with
 * the header again) when one is full, over-long cells cut and marked, never a silent failure.
 * Stops early when `out` is destroyed (the client went away). Returns the data rows written.
 */
export async function writeXlsx(
  batches: AsyncIterable<ReadonlyArray<ReadonlyArray<string | number | boolean>>>,
  header: readonly string[],
  out: Writable,
  limits: XlsxLimits = XLSX_LIMITS,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  let sheetNumber = 0;
  let sheet: ExcelJS.Worksheet | null = null;
  let rowsInSheet = 0;
  let written = 0;
  const newSheet = () => {
    sheet?.commit();
    sheetNumber++;
    sheet = workbook.addWorksheet(sheetNumber === 1 ? 'records' : `records ${sheetNumber}`);
    sheet.addRow([...header]).commit();
    rowsInSheet = 1;
  };
  newSheet();
  for await (const batch of batches) {
    if (out.destroyed) break;
    for (const row of batch) {
      if (rowsInSheet >= limits.rowsPerSheet) newSheet();
      sheet!.addRow(row.map((cell) => fitCell(cell, limits))).commit();
      rowsInSheet++;
      written++;
    }
    // Backpressure from a slow client; a client that leaves closes the stream instead.
    if (out.writableNeedDrain) await drained(out);
  }
  if (out.destroyed) return written;
  (sheet as ExcelJS.Worksheet | null)?.commit();
  await workbook.commit();
  return written;
}
