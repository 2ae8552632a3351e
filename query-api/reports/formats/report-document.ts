import type { Locale } from '../../../opensearch/i18n/locale.ts';

export type ReportKind = 'daily' | 'weekly' | 'monthly';
export type Cell = string | number;

/** A named table of a report: a header and rows whose first cell names the row. */
export interface ReportTable {
  /** The table's code (`by_status`): CSV sections, XLSX sheets of the machine renderings, `data-table`. */
  readonly name: string;
  /** The table's title in the document's language. */
  readonly title: string;
  /** Column codes; their names in the document's language are in `ReportDocument.names`. */
  readonly columns: readonly string[];
  /** Every figure as computed; a row's first cell is its code (an operation type, a day) or user data. */
  readonly rows: ReadonlyArray<readonly Cell[]>;
  /**
   * The first cell of each row as the reader reads it, when that cell is a code: an operation
   * type's or a status's label (an unlabelled code as itself), a day as the language writes it, a
   * measure's name. Absent when the first cell is user data (messages, customer ids), shown as is.
   */
  readonly items?: readonly string[];
}

/**
 * A report as its renderings (CSV, XLSX, HTML, mail, the console page) share it: what it covers,
 * the headline figures and the tables, every figure taken as is from the computed report, and the
 * words for a reader of `locale`. Codes stay beside the words so machine renderings keep them.
 */
export interface ReportDocument {
  readonly kind: ReportKind;
  /** The language of every title, name, label and sentence of the document. */
  readonly locale: Locale;
  readonly title: string;
  /** What the report covers, ISO (file names, logs): `2026-11-28`, `2026-11-23 – 2026-11-29`, `2026-11`. */
  readonly period: string;
  /** The period as the language writes it: `28.11.2026`, `23.11.2026 – 29.11.2026`, `11.2026` in Russian. */
  readonly period_label: string;
  /** The title with its period: `Daily summary 2026-11-28`, `Ежедневная сводка за 28.11.2026`. */
  readonly heading: string;
  /** The report's time zone and the instants it covers, in a sentence. */
  readonly covering: string;
  /** The first headline figures in a sentence, counted with the language's plural forms. */
  readonly summary: string;
  readonly time_zone: string;
  readonly from: string;
  readonly to: string;
  readonly headline: ReadonlyArray<readonly [measure: string, value: Cell]>;
  /** The name of every headline measure and column code of the document, in its language. */
  readonly names: Readonly<Record<string, string>>;
  readonly tables: readonly ReportTable[];
}

/** The rows of a report's tables: what an access log entry counts for a report read or sent. */
export const reportRows = (doc: ReportDocument) => doc.tables.reduce((sum, table) => sum + table.rows.length, 0);

/** A measure's or column's name in the document's language (a code it does not name, spaced out). */
export const nameOf = (doc: ReportDocument, code: string) => doc.names[code] ?? code.replace(/_/g, ' ');

/** The first cell of a table row as the reader reads it (see `ReportTable.items`). */
export const itemOf = (table: ReportTable, row: number) => table.items?.[row] ?? String(table.rows[row]?.[0] ?? '');

/**
 * The measure a table's figure is in: its column's, except in a row named by a headline measure
 * (the week's comparison), whose figures are all in that measure's unit (a rate in per cent,
 * whatever the column). Rows of user data (`items` absent) are never taken for one.
 */
export function unitOf(doc: ReportDocument, table: ReportTable, row: readonly Cell[], column: number): string {
  const first = String(row[0]);
  return table.items && doc.headline.some(([measure]) => measure === first) ? first : table.columns[column]!;
}
