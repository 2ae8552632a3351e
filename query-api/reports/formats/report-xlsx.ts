import ExcelJS from 'exceljs';
import { neutralise } from '../../export/export-columns.ts';
import { fitCell } from '../../export/xlsx-writer.ts';
import type { Cell, ReportDocument } from './report-document.ts';

const cell = (value: Cell) => fitCell(neutralise(value));

/** A report as an XLSX workbook: a `summary` sheet (what it covers, the headline figures), then a sheet per table. */
export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(doc.to);
  const summary = workbook.addWorksheet('summary');
  summary.addRow(['measure', 'value']).font = { bold: true };
  for (const [measure, value] of [
    ['report', doc.title],
    ['period', doc.period],
    ['time_zone', doc.time_zone],
    ['from', doc.from],
    ['to', doc.to],
    ...doc.headline,
  ] as const) {
    summary.addRow([measure, cell(value)]);
  }
  summary.columns.forEach((column) => (column.width = 28));
  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31));
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(cell));
    sheet.columns.forEach((column, i) => (column.width = i === 0 ? 40 : 16));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
