import ExcelJS from 'exceljs';
import { formatDateTime } from '../../../opensearch/i18n/date-format.ts';
import { translator } from '../../../opensearch/i18n/translator.ts';
import { neutralise } from '../../export/export-columns.ts';
import { fitCell } from '../../export/xlsx-writer.ts';
import { itemOf, nameOf, type Cell, type ReportDocument, type ReportTable } from './report-document.ts';
import { REPORT_TEXT } from './report-text.ts';

const cell = (value: Cell) => fitCell(neutralise(value));

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

async function workbookOf(
  doc: ReportDocument,
  summary: { name: string; header: readonly string[]; rows: ReadonlyArray<readonly Cell[]> },
  sheet: (table: ReportTable) => { name: string; header: readonly string[]; rows: ReadonlyArray<readonly Cell[]> },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(doc.to);
  for (const [i, part] of [summary, ...doc.tables.map(sheet)].entries()) {
    const worksheet = workbook.addWorksheet(sheetName(part.name));
    worksheet.addRow([...part.header]).font = { bold: true };
    for (const row of part.rows) worksheet.addRow(row.map(cell));
    worksheet.columns.forEach((column, c) => (column.width = i === 0 ? 28 : c === 0 ? 40 : 16));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A report as an XLSX workbook for scripts: a `summary` sheet (what it covers, the headline
 * figures), then a sheet per table named by its code, with codes in headers and rows.
 */
export function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const facts = [
    ['report', doc.title],
    ['period', doc.period],
    ['time_zone', doc.time_zone],
    ['from', doc.from],
    ['to', doc.to],
  ] as const;
  return workbookOf(
    doc,
    { name: 'summary', header: ['measure', 'value'], rows: [...facts, ...doc.headline] },
    (table) => ({ name: table.name, header: table.columns, rows: table.rows }),
  );
}

/**
 * The workbook for a reader of the document's language: sheets named by their titles, headers in
 * words, operation types and statuses as labels and days as the language writes them; numbers stay
 * numbers. Where a table's rows are named by codes, a last column keeps the code for filters and
 * scripts, as the summary sheet does for its measures.
 */
export function readerReportXlsx(doc: ReportDocument): Promise<Buffer> {
  const t = translator(REPORT_TEXT, doc.locale);
  const time = (iso: string) => formatDateTime(iso, doc.locale, doc.time_zone);
  const facts = [
    [t('kind'), doc.title, 'kind'],
    [t('period'), doc.period_label, 'period'],
    [t('time_zone'), doc.time_zone, 'time_zone'],
    [t('from'), time(doc.from), 'from'],
    [t('to'), time(doc.to), 'to'],
  ] as const;
  const headline = doc.headline.map(([measure, value]) => [nameOf(doc, measure), value, measure] as const);
  return workbookOf(
    doc,
    { name: t('summary_sheet'), header: [t('csv_measure'), t('csv_value'), t('code')], rows: [...facts, ...headline] },
    (table) => {
      const header = table.columns.map((column) => nameOf(doc, column));
      if (!table.items) return { name: table.title, header, rows: table.rows };
      const rows = table.rows.map((row, r) => [itemOf(table, r), ...row.slice(1), row[0] ?? '']);
      return { name: table.title, header: [...header, t('code')], rows };
    },
  );
}
