import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { EXPORT_HEADER, exportRow } from './export-columns.ts';

/** One cell of an export: XLSX keeps numbers, booleans and dates typed; CSV writes them as text. */
export type ExportCell = string | number | boolean | Date;

/** The header row of an export and how a record becomes one row under it. */
export interface ExportLayout {
  readonly header: readonly string[];
  row(record: SyncLogRecord): ExportCell[];
}

/** The machine-readable layout: field names, codes, ISO UTC times, `true`/`false`. */
export const MACHINE_LAYOUT: ExportLayout = { header: EXPORT_HEADER, row: exportRow };
