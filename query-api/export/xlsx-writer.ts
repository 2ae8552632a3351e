import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { drained } from './drained.ts';
import type { ExportCell } from './export-layout.ts';

/** XLSX's own limits: rows per sheet (with the header) and characters per cell. */
export interface XlsxLimits {
  readonly rowsPerSheet: number;
  readonly cellChars: number;
}

export const XLSX_LIMITS: XlsxLimits = { rowsPerSheet: 1_048_576, cellChars: 32_767 };

/** How a workbook is dressed for its reader. Default: sheets named `records`, no date cells. */
export interface XlsxLook {
  /** The first sheet's name; later ones add their number (`records 2`). */
  readonly sheetName?: string;
  /** The number format of date cells (`dd.mm.yyyy hh:mm:ss`); needed for Date cells to read as dates. */
  readonly dateFormat?: string;
}
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
  batches: AsyncIterable<ReadonlyArray<ReadonlyArray<ExportCell>>>,
  header: readonly string[],
  out: Writable,
  limits: XlsxLimits = XLSX_LIMITS,
  look: XlsxLook = {},
): Promise<number> {
  const { sheetName = 'records', dateFormat } = look;
  // Styles only where dates need a number format: the machine-readable workbook stays as it was.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: dateFormat !== undefined,
    useSharedStrings: false,
  });
  let sheetNumber = 0;
  let sheet: ExcelJS.Worksheet | null = null;
  let rowsInSheet = 0;
  let written = 0;
  const newSheet = () => {
    sheet?.commit();
    sheetNumber++;
    sheet = workbook.addWorksheet(sheetNumber === 1 ? sheetName : `${sheetName} ${sheetNumber}`);
    sheet.addRow([...header]).commit();
    rowsInSheet = 1;
  };
  newSheet();
  for await (const batch of batches) {
    if (out.destroyed) break;
    for (const row of batch) {
      if (rowsInSheet >= limits.rowsPerSheet) newSheet();
      const added = sheet!.addRow(row.map((cell) => fitCell(cell, limits)));
      if (dateFormat !== undefined)
        row.forEach((cell, i) => cell instanceof Date && (added.getCell(i + 1).numFmt = dateFormat));
      added.commit();
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
