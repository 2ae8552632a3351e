import { html } from 'hono/html';
import type { LogsPage } from '../logs/logs-search.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';
import { bulkReviewForm } from './bulk-review-form.ts';
import type { Fragment } from './console-layout.ts';
import { can, type ConsoleUser } from './console-user.ts';
import { logFiltersForm } from './log-filters-form.ts';
import { filterQuery, type RawParams } from './log-filters.ts';
import { recordsTable } from './records-table.ts';

/** One page of matching records: the count, exports by role, the table, the next-page link, the bulk review. */
function results(user: ConsoleUser, raw: RawParams, page: LogsPage) {
  const next = page.next_cursor ? `/console/logs?${filterQuery(raw, { cursor: page.next_cursor })}` : null;
  const query = filterQuery(raw);
  return html`<div class="actions">
      <span id="result-count" data-total="${page.total.value}"
        >${page.total.relation === 'gte' ? 'at least ' : ''}${page.total.value.toLocaleString('en-US')} matching
        record(s)</span
      >
      ${can(user, 'analyst') ? html`<a class="button secondary" id="export-csv" href="/logs/export.csv?${query}">Export CSV</a> <a class="button secondary" id="export-xlsx" href="/logs/export.xlsx?${query}">Export Excel</a>` : ''}
    </div>
    ${recordsTable(page.records)} ${next ? html`<p><a id="next-page" href="${next}">Next page →</a></p>` : ''}
    ${can(user, 'admin') && page.total.value > 0 ? bulkReviewForm(user, raw, page.total.value) : ''}`;
}

/**
 * The log list: filters, the page of records, the next-page link, exports and bulk review by
 * role; `searchNote` says what the personal data policy hides from search.
 */
export function logsPage(
  user: ConsoleUser,
  raw: RawParams,
  page: LogsPage | null,
  problem: string | null,
  seen: SeenCodes,
  searchNote = '',
): Fragment {
  return html` ${logFiltersForm(raw, seen, searchNote)}
  ${problem ? html`<p class="notice error-box" role="alert">${problem}</p>` : ''}
  ${page ? results(user, raw, page) : ''}`;
}
