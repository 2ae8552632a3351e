import { escapeHtml } from '../../http/escape-html.ts';
import { percent, type Cell, type ReportDocument } from './report-document.ts';

/** A figure as a reader wants it: rates in per cent, durations in whole milliseconds, counts grouped. */
export function displayValue(measure: string, value: Cell): string {
  if (typeof value === 'string') return value === '' ? '–' : value;
  if (measure.includes('rate')) return percent(value);
  if (measure.endsWith('_ms')) return `${Math.round(value).toLocaleString('en-US')} ms`;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

const label = (name: string) => name.replace(/_/g, ' ');
const th = 'style="text-align:left;padding:4px 10px;border-bottom:1px solid #999;background:#f2f2f2"';
const td = 'style="padding:4px 10px;border-bottom:1px solid #ddd;vertical-align:top"';
const tdNumber = 'style="padding:4px 10px;border-bottom:1px solid #ddd;text-align:right;vertical-align:top"';

/**
 * A report as a self-contained HTML page (inline styles, no scripts or outside resources), fit for
 * a browser and for a mail body. Every value is escaped.
 */
export function reportHtml(doc: ReportDocument): string {
  const headline = doc.headline
    .map(
      ([measure, value]) =>
        `<tr><th ${th} scope="row">${escapeHtml(label(measure))}</th><td ${tdNumber}>${escapeHtml(displayValue(measure, value))}</td></tr>`,
    )
    .join('');
  const tables = doc.tables
    .map((table) => {
      const head = table.columns.map((c) => `<th ${th} scope="col">${escapeHtml(label(c))}</th>`).join('');
      const body =
        table.rows.length === 0
          ? `<tr><td ${td} colspan="${table.columns.length}">none</td></tr>`
          : table.rows
              .map(
                (row) =>
                  `<tr>${row.map((value, i) => (typeof value === 'number' ? `<td ${tdNumber}>${escapeHtml(displayValue(table.columns[i]!, value))}</td>` : `<td ${td}>${escapeHtml(value)}</td>`)).join('')}</tr>`,
              )
              .join('');
      return `<h2 style="font-size:16px;margin:24px 0 8px">${escapeHtml(table.title)}</h2><table style="border-collapse:collapse;font-size:14px" data-table="${escapeHtml(table.name)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    })
    .join('\n');
  const title = `${doc.title} ${doc.period}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>synclog: ${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;margin:16px">
<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(title)}</h1>
<p style="margin:0 0 16px;color:#555">${escapeHtml(doc.time_zone)}: ${escapeHtml(doc.from)} to ${escapeHtml(doc.to)} (UTC)</p>
<table style="border-collapse:collapse;font-size:14px" data-table="summary"><tbody>${headline}</tbody></table>
${tables}
</body></html>
`;
}
