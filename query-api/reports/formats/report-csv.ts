import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../../export/export-columns.ts';
import type { ReportDocument } from './report-document.ts';

export const REPORT_CSV_HEADER = ['section', 'item', 'measure', 'value'] as const;

/**
 * A report as one tidy CSV table (`section,item,measure,value`): what it covers, the headline
 * figures, then every table cell as a row of its own, so spreadsheet pivots and scripts read every
 * report the same way. Cells a spreadsheet would take for a formula are neutralised.
 */
export function reportCsv(doc: ReportDocument): string {
  const rows: Array<Array<string | number>> = [
    ['report', '', 'kind', doc.kind],
    ['report', '', 'period', doc.period],
    ['report', '', 'time_zone', doc.time_zone],
    ['report', '', 'from', doc.from],
    ['report', '', 'to', doc.to],
    ...doc.headline.map(([measure, value]) => ['summary', '', measure, value]),
  ];
  for (const table of doc.tables) {
    for (const row of table.rows)
      for (let i = 1; i < table.columns.length; i++) rows.push([table.name, row[0]!, table.columns[i]!, row[i] ?? '']);
  }
  return stringify([[...REPORT_CSV_HEADER], ...rows.map((row) => row.map((cell) => neutralise(cell)))]);
}
