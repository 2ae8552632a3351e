import { translator } from '../opensearch/i18n/translator.ts';
import {
  itemOf,
  unitOf,
  nameOf,
  type ReportDocument,
  type ReportTable,
} from '../query-api/reports/formats/report-document.ts';
import { REPORT_TEXT } from '../query-api/reports/formats/report-text.ts';
import { displayValue } from '../query-api/reports/formats/report-values.ts';

/** Longer cells (error messages, examples) are cut so a row stays on a terminal line or two. */
const MAX_CELL = 120;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').slice(0, MAX_CELL);

/** A table's header and rows as the document's reader reads them, in aligned columns. */
function tableLines(doc: ReportDocument, table: ReportTable): string[] {
  const header = table.columns.map((column) => nameOf(doc, column));
  const rows = table.rows.map((row, r) =>
    row.map((cell, i) =>
      i === 0
        ? oneLine(itemOf(table, r))
        : typeof cell === 'number'
          ? displayValue(unitOf(doc, table, row, i), cell, doc.locale)
          : oneLine(String(cell)),
    ),
  );
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i]?.length ?? 0)));
  // Figures line up on the right, words (labels, messages) on the left.
  const numeric = header.map((_, i) => i > 0 && table.rows.every((row) => typeof row[i] !== 'string'));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * A report for a terminal, worded as its document is (the same words, labels, days and numbers
 * as its HTML page): the heading, what it covers, the summary sentence, the headline figures,
 * then each table.
 */
export function reportTextLines(doc: ReportDocument): string[] {
  const lines = [doc.heading, doc.covering, doc.summary, ''];
  for (const [measure, value] of doc.headline)
    lines.push(`  ${nameOf(doc, measure)}: ${displayValue(measure, value, doc.locale)}`);
  const none = translator(REPORT_TEXT, doc.locale)('none');
  for (const table of doc.tables) {
    lines.push('', `${table.title}:`);
    if (table.rows.length === 0) lines.push(`  ${none}`);
    else lines.push(...tableLines(doc, table));
  }
  return lines;
}
