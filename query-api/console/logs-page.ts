import { html } from 'hono/html';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { LogsPage } from '../logs/logs-search.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';
import { codeCheckboxes, flaggedCheckbox } from './code-choices.ts';
import { csrfField, type Fragment } from './console-layout.ts';
import { can, type ConsoleUser } from './console-user.ts';

/** The filter parameters the console keeps across pages, exports and the bulk review. */
export const FILTER_KEYS = [
  'operation_type',
  'status',
  'customer_role',
  'validation_issue',
  'flagged',
  'correlation_id',
  'from',
  'to',
  'q',
  'reviewed',
] as const;
export type RawParams = Record<string, string | string[]>;

export const valuesOf = (raw: RawParams, key: string): string[] =>
  [raw[key] ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .filter(Boolean);
const one = (raw: RawParams, key: string) => valuesOf(raw, key)[0] ?? '';

/** The filters as a query string (lists as repeated parameters). */
export function filterQuery(raw: RawParams, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const v of valuesOf(raw, key)) params.append(key, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export const recordText = (r: SyncLogRecord) => r.error_message ?? r.message;

/** A table row of one record; its time links to the detail page. */
export const recordRow = (r: SyncLogRecord) =>
  html`<tr data-event-id="${r.event_id}">
    <td><a href="/console/logs/${r.event_id}">${r['@timestamp'].replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}</a></td>
    <td>${r.operation_type ?? ''}</td>
    <td class="status status-${r.status ?? 'none'}">${r.status ?? ''}</td>
    <td class="optional">${r.customer?.name ?? r.customer?.id ?? ''}</td>
    <td class="optional">${r.customer_email ?? ''}</td>
    <td class="optional">${r.onec_id ?? ''}</td>
    <td class="num optional">${r.duration_ms ?? ''}</td>
    <td class="message">
      ${r.validation_issues ? html`<span class="flag" title="${r.validation_issues.join(', ')}">flagged</span> ` : ''}${recordText(r)}
    </td>
  </tr>`;

/** The log list: filters, the page of records, the next-page link, exports and bulk review by role. */
export function logsPage(
  user: ConsoleUser,
  raw: RawParams,
  page: LogsPage | null,
  problem: string | null,
  seen: SeenCodes,
): Fragment {
  const next = page?.next_cursor ? `/console/logs?${filterQuery(raw, { cursor: page.next_cursor })}` : null;
  const query = filterQuery(raw);
  return html` <form class="filters" method="get" action="/console/logs" role="search" aria-label="Filter logs">
      ${codeCheckboxes('status', seen, valuesOf(raw, 'status'))}
      ${codeCheckboxes('operation_type', seen, valuesOf(raw, 'operation_type'))}
      <div>
        <label for="f-role">Customer role</label
        ><input id="f-role" type="text" name="customer_role" value="${one(raw, 'customer_role')}" />
      </div>
      ${flaggedCheckbox(one(raw, 'flagged') === 'true')}
      <div>
        <label for="f-issue">Validation issue (code)</label
        ><input id="f-issue" type="text" name="validation_issue" value="${one(raw, 'validation_issue')}" />
      </div>
      <div>
        <label for="f-from">From (ISO or now-7d)</label
        ><input id="f-from" type="text" name="from" value="${one(raw, 'from')}" />
      </div>
      <div><label for="f-to">To</label><input id="f-to" type="text" name="to" value="${one(raw, 'to')}" /></div>
      <div>
        <label for="f-q">Search: e-mail, name, 1C id, correlation id, error</label
        ><input id="f-q" type="search" name="q" value="${one(raw, 'q')}" />
      </div>
      <div>
        <label for="f-corr">Correlation id</label
        ><input id="f-corr" type="text" name="correlation_id" value="${one(raw, 'correlation_id')}" />
      </div>
      <div>
        <label for="f-reviewed">Reviewed</label
        ><select id="f-reviewed" name="reviewed">
          <option value="">any</option>
          <option value="true" ${one(raw, 'reviewed') === 'true' ? html` selected` : ''}>reviewed</option>
          <option value="false" ${one(raw, 'reviewed') === 'false' ? html` selected` : ''}>not reviewed</option>
        </select>
      </div>
      <div><button type="submit">Apply filters</button> <a class="button secondary" href="/console/logs">Clear</a></div>
    </form>
    ${problem ? html`<p class="notice error-box" role="alert">${problem}</p>` : ''}
    ${
      page
        ? html`<div class="actions">
              <span id="result-count" data-total="${page.total.value}"
                >${page.total.relation === 'gte' ? 'at least ' : ''}${page.total.value.toLocaleString('en-US')} matching
                record(s)</span
              >
              ${can(user, 'analyst') ? html`<a class="button secondary" id="export-csv" href="/logs/export.csv?${query}">Export CSV</a> <a class="button secondary" id="export-xlsx" href="/logs/export.xlsx?${query}">Export Excel</a>` : ''}
            </div>
            <div class="table-wrap">
              <table id="records">
                <caption class="skip">
                  Matching records, newest first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Time (UTC)</th>
                    <th scope="col">Operation</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="optional">Customer</th>
                    <th scope="col" class="optional">E-mail</th>
                    <th scope="col" class="optional">1C id</th>
                    <th scope="col" class="num optional">ms</th>
                    <th scope="col">Message</th>
                  </tr>
                </thead>
                <tbody>
                  ${page.records.map(recordRow)}
                </tbody>
              </table>
            </div>
            ${next ? html`<p><a id="next-page" href="${next}">Next page →</a></p>` : ''}
            ${
              can(user, 'admin') && page.total.value > 0
                ? html`<form class="actions" method="post" action="/console/review" id="bulk-review">
                    ${csrfField(user)}
                    ${FILTER_KEYS.flatMap((key) => valuesOf(raw, key).map((v) => html`<input type="hidden" name="${key}" value="${v}" />`))}
                    <label for="bulk-comment">Comment</label
                    ><input id="bulk-comment" type="text" name="comment" maxlength="2000" />
                    <button type="submit">
                      Mark all ${page.total.value.toLocaleString('en-US')} matching as reviewed
                    </button>
                  </form>`
                : ''
            }`
        : ''
    }`;
}
