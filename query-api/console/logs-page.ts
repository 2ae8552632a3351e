import { html } from 'hono/html';
import type { LogsPage } from '../logs/logs-search.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';
import type { Reader } from '../reader/reader.ts';
import { bulkReviewForm } from './bulk-review-form.ts';
import type { Fragment } from './console-layout.ts';
import { can, type ConsoleUser } from './console-user.ts';
import { logFiltersForm } from './log-filters-form.ts';
import { filterQuery, type RawParams } from './log-filters.ts';
import { LOGS_TEXT } from './logs-text.ts';
import { recordsTable } from './records-table.ts';

/**
 * The exports a person opens in a spreadsheet (headers, labels and times in the reader's language
 * and zone; `;` and decimal commas for Russian), and the one for scripts (codes, ISO UTC, `,`).
 */
function exportLinks(reader: Reader, query: string) {
  const t = reader.text(LOGS_TEXT);
  const forReader = `${query ? `${query}&` : ''}${new URLSearchParams({ lang: reader.locale, tz: reader.timeZone })}`;
  return html`<a class="button secondary" id="export-csv" href="/logs/export.csv?${forReader}">${t('export_csv')}</a>
    <a class="button secondary" id="export-xlsx" href="/logs/export.xlsx?${forReader}">${t('export_xlsx')}</a>
    <a class="button secondary" id="export-csv-codes" href="/logs/export.csv?${query}" title="${t('export_codes_hint')}"
      >${t('export_codes')}</a
    >`;
}

/** One page of matching records: the count, exports by role, the table, the next-page link, the bulk review. */
function results(user: ConsoleUser, raw: RawParams, page: LogsPage, reader: Reader) {
  const t = reader.text(LOGS_TEXT);
  const next = page.next_cursor ? `/console/logs?${filterQuery(raw, { cursor: page.next_cursor })}` : null;
  const query = filterQuery(raw);
  const total = page.total.value;
  return html`<div class="actions">
      <span id="result-count" data-total="${total}"
        >${t(page.total.relation === 'gte' ? 'count_at_least' : 'count', { count: total })}</span
      >
      ${can(user, 'analyst') ? exportLinks(reader, query) : ''}
    </div>
    ${recordsTable(page.records, reader)} ${next ? html`<p><a id="next-page" href="${next}">${t('next_page')}</a></p>` : ''}
    ${can(user, 'admin') && total > 0 ? bulkReviewForm(user, raw, total, reader) : ''}`;
}

/** What the log list shows: its filters, a problem with them, and the page of records found. */
export interface LogsView {
  readonly raw: RawParams;
  readonly page: LogsPage | null;
  readonly problem: string | null;
  readonly seen: SeenCodes;
  /** What the personal data policy hides from search. */
  readonly searchNote?: string;
}

/** The log list: filters, the page of records, the next-page link, exports and bulk review by role. */
export function logsPage(user: ConsoleUser, reader: Reader, view: LogsView): Fragment {
  return html` ${logFiltersForm(view.raw, view.seen, reader, view.searchNote)}
  ${view.problem ? html`<p class="notice error-box" role="alert">${view.problem}</p>` : ''}
  ${view.page ? results(user, view.raw, view.page, reader) : ''}`;
}
