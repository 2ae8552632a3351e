import { html } from 'hono/html';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { personalValue } from './personal-value.ts';

export const recordText = (r: SyncLogRecord) => r.error_message ?? r.message;

/** A table row of one record; its time links to the detail page. */
export const recordRow = (r: SyncLogRecord) =>
  html`<tr data-event-id="${r.event_id}">
    <td><a href="/console/logs/${r.event_id}">${r['@timestamp'].replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}</a></td>
    <td>${r.operation_type ?? ''}</td>
    <td class="status status-${r.status ?? 'none'}">${r.status ?? ''}</td>
    <td class="optional">${r.customer?.name === undefined ? (r.customer?.id ?? '') : personalValue(r.customer.name)}</td>
    <td class="optional">${personalValue(r.customer_email)}</td>
    <td class="optional">${personalValue(r.onec_id)}</td>
    <td class="num optional">${r.duration_ms ?? ''}</td>
    <td class="message">
      ${r.validation_issues ? html`<span class="flag" title="${r.validation_issues.join(', ')}">flagged</span> ` : ''}${recordText(r)}
    </td>
  </tr>`;

/** The records of one page of the log list, newest first; columns marked optional hide on narrow screens. */
export const recordsTable = (records: readonly SyncLogRecord[]) =>
  html`<div class="table-wrap">
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
        ${records.map(recordRow)}
      </tbody>
    </table>
  </div>`;
