import { html } from 'hono/html';
import { csrfField } from './console-layout.ts';
import type { Reader } from '../reader/reader.ts';
import type { ConsoleUser } from './console-user.ts';
import { FILTER_KEYS, valuesOf, type RawParams } from './log-filters.ts';
import { LOGS_TEXT } from './logs-text.ts';

// Left as written: prettier's HTML formatting would drop the spaces around the button's text, which the page has always sent.
/** An admin's form to mark every record the filters match as reviewed; the filters ride along hidden. */
// prettier-ignore
export const bulkReviewForm = (user: ConsoleUser, raw: RawParams, total: number, reader: Reader) =>
  html`<form class="actions" method="post" action="/console/review" id="bulk-review">
    ${csrfField(user)}
    ${FILTER_KEYS.flatMap((key) => valuesOf(raw, key).map((v) => html`<input type="hidden" name="${key}" value="${v}" />`))}
    <label for="bulk-comment">${reader.text(LOGS_TEXT)('bulk_comment')}</label
    ><input id="bulk-comment" type="text" name="comment" maxlength="2000" />
    <button type="submit">
      ${reader.text(LOGS_TEXT)('bulk_review', { count: total })}
    </button>
  </form>`;
