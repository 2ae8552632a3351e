import { html } from 'hono/html';
import { displayValue } from '../reports/formats/report-html.ts';
import type { ReportDocument, ReportKind } from '../reports/formats/report-document.ts';
import type { Fragment } from './console-layout.ts';

const ROUTES: Record<ReportKind, { path: string; param: string; label: string }> = {
  daily: { path: '/reports/daily', param: 'date', label: 'Daily summary' },
  weekly: { path: '/reports/weekly-errors', param: 'start', label: 'Weekly error analysis' },
  monthly: { path: '/reports/monthly-activity', param: 'month', label: 'Monthly customer activity' },
};

/** The request parameter of a report for a chosen date (`YYYY-MM-DD`). */
export const reportParam = (kind: ReportKind, date: string) => (kind === 'monthly' ? date.slice(0, 7) : date);

/** The reports page: which report for which date, the report itself, and its downloads. */
export function reportsPage(
  kind: ReportKind,
  date: string,
  doc: ReportDocument | null,
  problem: string | null,
): Fragment {
  const route = ROUTES[kind];
  const query = `${route.param}=${encodeURIComponent(reportParam(kind, date))}`;
  return html` <form class="filters" method="get" action="/console/reports" aria-label="Choose a report">
      <div>
        <label for="r-kind">Report</label
        ><select id="r-kind" name="kind">
          ${(Object.keys(ROUTES) as ReportKind[]).map((k) => html`<option value="${k}" ${k === kind ? html` selected` : ''}>${ROUTES[k].label}</option>`)}
        </select>
      </div>
      <div>
        <label for="r-date">Date (the day, the week's first day, or a day of the month)</label
        ><input id="r-date" type="date" name="date" value="${date}" required />
      </div>
      <div><button type="submit">Show</button></div>
    </form>
    ${problem ? html`<p class="notice error-box" role="alert">${problem}</p>` : ''}
    ${
      doc
        ? html`<div class="actions">
              <span><strong>${doc.title} ${doc.period}</strong> <span class="muted">(${doc.time_zone})</span></span>
              <a class="button secondary" href="${route.path}?${query}&format=csv">CSV</a>
              <a class="button secondary" href="${route.path}?${query}&format=xlsx">Excel</a>
              <a class="button secondary" href="${route.path}?${query}&format=html">Printable page</a>
            </div>
            <dl class="record" id="report-summary">
              ${doc.headline.map(
                ([measure, value]) =>
                  html`<dt>${measure.replace(/_/g, ' ')}</dt>
                    <dd data-measure="${measure}">${displayValue(measure, value)}</dd>`,
              )}
            </dl>
            ${doc.tables.map(
              (t) =>
                html`<h2>${t.title}</h2>
                  <div class="table-wrap">
                    <table data-table="${t.name}">
                      <thead>
                        <tr>
                          ${t.columns.map((col) => html`<th scope="col">${col.replace(/_/g, ' ')}</th>`)}
                        </tr>
                      </thead>
                      <tbody>
                        ${
                          t.rows.length === 0
                            ? html`<tr>
                                <td colspan="${t.columns.length}" class="muted">none</td>
                              </tr>`
                            : t.rows.map(
                                (row) =>
                                  html`<tr>
                                    ${row.map((v, i) => (typeof v === 'number' ? html`<td class="num">${displayValue(t.columns[i]!, v)}</td>` : html`<td class="message">${v}</td>`))}
                                  </tr>`,
                              )
                        }
                      </tbody>
                    </table>
                  </div>`,
            )}`
        : ''
    }`;
}
