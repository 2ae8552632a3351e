import { html } from 'hono/html';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Review } from '../reviews/review-store.ts';
import { csrfField, type Fragment } from './console-layout.ts';
import { can, type ConsoleUser } from './console-user.ts';
import { personalValue } from './personal-value.ts';

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

const SHOWN: ReadonlyArray<readonly [string, (r: SyncLogRecord) => unknown]> = [
  ['event id', (r) => r.event_id],
  ['time (UTC)', (r) => r['@timestamp']],
  // The time the application gave, when it could not be used: the time above is then the arrival time.
  ['event time as given', (r) => r.event_time_raw],
  ['level', (r) => r.level],
  ['operation', (r) => r.operation_type],
  ['status', (r) => r.status],
  ['validation issues', (r) => r.validation_issues?.join(', ')],
  ['operation id', (r) => r.operation_id],
  ['correlation id', (r) => r.correlation_id],
  [
    'customer',
    (r) =>
      r.customer
        ? html`${personalValue(r.customer.name)} (${r.customer.id}${r.customer.role ? `, ${r.customer.role}` : ''})`
        : undefined,
  ],
  ['e-mail', (r) => (r.customer_email === undefined ? undefined : personalValue(r.customer_email))],
  ['1C id', (r) => (r.onec_id === undefined ? undefined : personalValue(r.onec_id))],
  ['duration', (r) => (r.duration_ms === undefined ? undefined : `${r.duration_ms} ms`)],
  ['message', (r) => r.message],
  ['error type', (r) => r.error_type],
  ['error message', (r) => r.error_message],
  ['manual review', (r) => r.manual_review_required],
  ['service', (r) => `${r.service.name}${r.service.version ? ` ${r.service.version}` : ''}`],
  ['producer', (r) => `${r.producer_id} #${r.producer_seq}`],
];

/** One record: its fields, its `details` as a tree, its review history, and the review form for admins. */
export function recordPage(
  user: ConsoleUser,
  record: SyncLogRecord,
  reviews: readonly Review[],
  back: string,
): Fragment {
  return html` <p><a href="${back}">← Back to the list</a></p>
    <dl class="record" id="record">
      ${SHOWN.map(([label, read]) => {
        const value = read(record);
        return value === undefined || value === ''
          ? ''
          : html`<dt>${label}</dt>
              <dd data-field="${label}">${typeof value === 'object' ? value : String(value)}</dd>`;
      })}
    </dl>
    <h2>Details</h2>
    <div id="details">${record.details ? tree(record.details) : html`<p class="muted">none</p>`}</div>
    ${
      record.invalid
        ? html`<h2>Refused values</h2>
            <p class="muted">Values the application logged that did not fit their fields, as given.</p>
            <dl class="record" id="invalid">
              ${Object.entries(record.invalid).map(
                ([field, value]) =>
                  html`<dt>${field}</dt>
                    <dd data-invalid="${field}"><pre class="value">${value}</pre></dd>`,
              )}
            </dl>`
        : ''
    }
    ${
      record.error_stack
        ? html`<h2>Stack</h2>
            <pre class="value">${record.error_stack}</pre>`
        : ''
    }
    <h2>Reviews</h2>
    <div id="reviews">
      ${
        reviews.length === 0
          ? html`<p class="muted">Not reviewed yet.</p>`
          : html`<ul>
              ${reviews.map((r) => html`<li><strong>${r.reviewer}</strong> (${r.role}), ${r.reviewed_at}${r.comment ? html`: ${r.comment}` : ''}</li>`)}
            </ul>`
      }
    </div>
    ${
      can(user, 'admin')
        ? html`<form method="post" action="/console/logs/${record.event_id}/review" id="review-form" class="actions">
            ${csrfField(user)}
            <label for="review-comment">Comment</label
            ><input id="review-comment" type="text" name="comment" maxlength="2000" />
            <button type="submit">Mark as reviewed</button>
          </form>`
        : ''
    }`;
}
