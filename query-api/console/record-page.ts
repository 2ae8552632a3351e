import { html } from 'hono/html';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Reader } from '../reader/reader.ts';
import type { Review } from '../reviews/review-store.ts';
import { csrfField, type Fragment } from './console-layout.ts';
import { can, type ConsoleUser } from './console-user.ts';
import { LAYOUT_TEXT } from './layout-text.ts';
import { recordFields } from './record-fields.ts';
import { RECORD_TEXT, type RecordText } from './record-text.ts';

/** A JSON value as a nested list: keys, then values as text. */
function tree(value: unknown): Fragment {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return html`<span class="muted">${Array.isArray(value) ? '[]' : '{}'}</span>`;
    return html`<ul class="tree">
      ${entries.map(([k, v]) => html`<li><span class="key">${k}:</span> ${tree(v)}</li>`)}
    </ul>`;
  }
  return html`<pre class="value">${value === null ? 'null' : String(value)}</pre>`;
}

/** What the application logged beyond the fields: `details` as a tree, refused values, the stack. All data. */
function loggedData(record: SyncLogRecord, t: RecordText) {
  return html`<h2>${t('details')}</h2>
    <div id="details">${record.details ? html`<div translate="no">${tree(record.details)}</div>` : html`<p class="muted">${t('none')}</p>`}</div>
    ${
      record.invalid
        ? html`<h2>${t('refused')}</h2>
            <p class="muted">${t('refused_note')}</p>
            <dl class="record" id="invalid" translate="no">
              ${Object.entries(record.invalid).map(
                ([field, value]) =>
                  html`<dt>${field}</dt>
                    <dd data-invalid="${field}"><pre class="value">${value}</pre></dd>`,
              )}
            </dl>`
        : ''
    }
    ${record.error_stack ? html`<h2>${t('stack')}</h2><pre class="value" translate="no">${record.error_stack}</pre>` : ''}`;
}

/** The review history: who (an id), in which role, when (in the reader's zone), and their comment. */
function reviewList(reviews: readonly Review[], reader: Reader, t: RecordText) {
  const roles = reader.text(LAYOUT_TEXT);
  const role = (code: string) => (`role_${code}` in LAYOUT_TEXT.en ? roles(`role_${code}` as 'role_admin') : code);
  if (reviews.length === 0) return html`<p class="muted">${t('not_reviewed')}</p>`;
  return html`<ul>
    ${reviews.map(
      (r) =>
        html`<li>
          <strong translate="no">${r.reviewer}</strong> (${role(r.role)}),
          ${reader.time(r.reviewed_at)}${r.comment ? html`: <span translate="no">${r.comment}</span>` : ''}
        </li>`,
    )}
  </ul>`;
}

/** One record: its fields, its `details` as a tree, its review history, and the review form for admins. */
export function recordPage(
  user: ConsoleUser,
  reader: Reader,
  record: SyncLogRecord,
  reviews: readonly Review[],
  back: string,
): Fragment {
  const t = reader.text(RECORD_TEXT);
  return html` <p><a href="${back}">${t('back')}</a></p>
    ${recordFields(record, reader)} ${loggedData(record, t)}
    <h2>${t('reviews')}</h2>
    <div id="reviews">${reviewList(reviews, reader, t)}</div>
    ${
      can(user, 'admin')
        ? html`<form method="post" action="/console/logs/${record.event_id}/review" id="review-form" class="actions">
            ${csrfField(user)}
            <label for="review-comment">${t('comment')}</label
            ><input id="review-comment" type="text" name="comment" maxlength="2000" />
            <button type="submit">${t('mark_reviewed')}</button>
          </form>`
        : ''
    }`;
}
