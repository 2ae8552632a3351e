import { escapeHtml } from '../../http/escape-html.ts';
import { translator } from '../../../opensearch/i18n/translator.ts';
import { itemOf, nameOf, unitOf, type ReportDocument, type ReportTable } from './report-document.ts';
import { REPORT_TEXT } from './report-text.ts';
import { displayValue } from './report-values.ts';

// The console page and the CLI format figures as the report renderings do.
export { displayValue };

const th = 'style="text-align:left;padding:4px 10px;border-bottom:1px solid #999;background:#f2f2f2"';
const td = 'style="padding:4px 10px;border-bottom:1px solid #ddd;vertical-align:top"';
const tdNumber = 'style="padding:4px 10px;border-bottom:1px solid #ddd;text-align:right;vertical-align:top"';

function tableHtml(doc: ReportDocument, table: ReportTable): string {
  const head = table.columns.map((c) => `<th ${th} scope="col">${escapeHtml(nameOf(doc, c))}</th>`).join('');
  const cell = (value: string | number, unit: string) =>
    typeof value === 'number'
      ? `<td ${tdNumber}>${escapeHtml(displayValue(unit, value, doc.locale))}</td>`
      : `<td ${td}>${escapeHtml(value)}</td>`;
  const body =
    table.rows.length === 0
      ? `<tr><td ${td} colspan="${table.columns.length}">${escapeHtml(translator(REPORT_TEXT, doc.locale)('none'))}</td></tr>`
      : table.rows
          .map(
            (row, r) =>
              `<tr>${row.map((value, i) => cell(i === 0 ? itemOf(table, r) : value, unitOf(doc, table, row, i))).join('')}</tr>`,
          )
          .join('');
  return `<h2 style="font-size:16px;margin:24px 0 8px">${escapeHtml(table.title)}</h2><table style="border-collapse:collapse;font-size:14px" data-table="${escapeHtml(table.name)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * A report as a self-contained HTML page in the document's language (inline styles, no scripts or
 * outside resources), fit for a browser and for a mail body. Every value is escaped.
 */
export function reportHtml(doc: ReportDocument): string {
  const headline = doc.headline
    .map(
      ([measure, value]) =>
        `<tr><th ${th} scope="row">${escapeHtml(nameOf(doc, measure))}</th><td ${tdNumber}>${escapeHtml(displayValue(measure, value, doc.locale))}</td></tr>`,
    )
    .join('');
  const tables = doc.tables.map((table) => tableHtml(doc, table)).join('\n');
  return `<!doctype html>
<html lang="${doc.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>synclog: ${escapeHtml(doc.heading)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;margin:16px">
<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(doc.heading)}</h1>
<p style="margin:0 0 16px;color:#555">${escapeHtml(doc.covering)}</p>
<table style="border-collapse:collapse;font-size:14px" data-table="summary"><tbody>${headline}</tbody></table>
${tables}
</body></html>
`;
}
