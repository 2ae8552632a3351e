import { html } from 'hono/html';
import { displayValue } from '../reports/formats/report-html.ts';
import {
  itemOf,
  unitOf,
  nameOf,
  type ReportDocument,
  type ReportKind,
  type ReportTable,
} from '../reports/formats/report-document.ts';
import type { Reader } from '../reader/reader.ts';
import type { Fragment } from './console-layout.ts';
import { REPORTS_PAGE_TEXT } from './reports-page-text.ts';

const ROUTES: Record<ReportKind, { path: string; param: string }> = {
  daily: { path: '/reports/daily', param: 'date' },
  weekly: { path: '/reports/weekly-errors', param: 'start' },
  monthly: { path: '/reports/monthly-activity', param: 'month' },
};

/** The request parameter of a report for a chosen date (`YYYY-MM-DD`). */
export const reportParam = (kind: ReportKind, date: string) => (kind === 'monthly' ? date.slice(0, 7) : date);

/** One table of the document: a row's first cell is a worded code, or user data shown as is. */
function reportTable(doc: ReportDocument, table: ReportTable, none: string) {
  const cell = (row: readonly (string | number)[], r: number, i: number) => {
    const value = row[i]!;
    if (i === 0 && table.items) return html`<td class="message">${itemOf(table, r)}</td>`;
    return typeof value === 'number'
      ? html`<td class="num">${displayValue(unitOf(doc, table, row, i), value, doc.locale)}</td>`
      : html`<td class="message" translate="no">${value}</td>`;
  };
  return html`<h2>${table.title}</h2>
    <div class="table-wrap">
      <table data-table="${table.name}">
        <thead>
          <tr>
            ${table.columns.map((col) => html`<th scope="col">${nameOf(doc, col)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${
            table.rows.length === 0
              ? html`<tr>
                  <td colspan="${table.columns.length}" class="muted">${none}</td>
                </tr>`
              : table.rows.map((row, r) => html`<tr>${row.map((_, i) => cell(row, r, i))}</tr>`)
          }
        </tbody>
      </table>
    </div>`;
}

/** The document: its heading, its downloads (in the reader's language), its headline figures and tables. */
function reportView(reader: Reader, kind: ReportKind, date: string, doc: ReportDocument) {
  const t = reader.text(REPORTS_PAGE_TEXT);
  const route = ROUTES[kind];
  const query = `${route.param}=${encodeURIComponent(reportParam(kind, date))}&lang=${reader.locale}`;
  return html`<div class="actions">
      <span><strong>${doc.heading}</strong> <span class="muted" translate="no">(${doc.time_zone})</span></span>
      <a class="button secondary" href="${route.path}?${query}&format=csv">${t('csv')}</a>
      <a class="button secondary" href="${route.path}?${query}&format=xlsx">${t('excel')}</a>
      <a class="button secondary" href="${route.path}?${query}&format=html">${t('printable')}</a>
    </div>
    <p class="muted" id="report-covering">${doc.covering}</p>
    <dl class="record" id="report-summary">
      ${doc.headline.map(
        ([measure, value]) =>
          html`<dt>${nameOf(doc, measure)}</dt>
            <dd data-measure="${measure}">${displayValue(measure, value, doc.locale)}</dd>`,
      )}
    </dl>
    ${doc.tables.map((table) => reportTable(doc, table, t('none')))}`;
}

/** The reports page: which report for which date, the report itself, and its downloads. */
export function reportsPage(
  reader: Reader,
  kind: ReportKind,
  date: string,
  doc: ReportDocument | null,
  problem: string | null,
): Fragment {
  const t = reader.text(REPORTS_PAGE_TEXT);
  return html` <form class="filters" method="get" action="/console/reports" aria-label="${t('choose')}">
      <div>
        <label for="r-kind">${t('report')}</label
        ><select id="r-kind" name="kind">
          ${(Object.keys(ROUTES) as ReportKind[]).map((k) => html`<option value="${k}" ${k === kind ? html` selected` : ''}>${t(k)}</option>`)}
        </select>
      </div>
      <div>
        <label for="r-date">${t('date')}</label><input id="r-date" type="date" name="date" value="${date}" required />
      </div>
      <div><button type="submit">${t('show')}</button></div>
    </form>
    ${problem ? html`<p class="notice error-box" role="alert">${problem}</p>` : ''}
    ${doc ? reportView(reader, kind, date, doc) : ''}`;
}
