import { html } from 'hono/html';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Reader } from '../reader/reader.ts';
import { personalValue } from './personal-value.ts';
import { RECORDS_TEXT } from './records-text.ts';

export const recordText = (r: SyncLogRecord) => r.error_message ?? r.message;

/**
 * A table row of one record; its time (in the reader's zone) links to the detail page. Types and
 * statuses show their labels; customers, ids and messages are data, never translated.
 */
export const recordRow = (r: SyncLogRecord, reader: Reader) => {
  const t = reader.text(RECORDS_TEXT);
  const type = r.operation_type === undefined ? '' : reader.label('operation_type', r.operation_type);
  const status = r.status === undefined ? '' : reader.label('status', r.status);
  return html`<tr data-event-id="${r.event_id}">
    <td><a href="/console/logs/${r.event_id}">${reader.time(r['@timestamp'])}</a></td>
    <td${type === r.operation_type ? html` translate="no"` : ''}>${type}</td>
    <td class="status status-${r.status ?? 'none'}" data-code="${r.status ?? ''}"${status === r.status ? html` translate="no"` : ''}>${status}</td>
    <td class="optional" translate="no">${r.customer?.name === undefined ? (r.customer?.id ?? '') : personalValue(r.customer.name, t)}</td>
    <td class="optional" translate="no">${personalValue(r.customer_email, t)}</td>
    <td class="optional" translate="no">${personalValue(r.onec_id, t)}</td>
    <td class="num optional">${r.duration_ms === undefined ? '' : reader.count(r.duration_ms)}</td>
    <td class="message">
      ${r.validation_issues ? html`<span class="flag" title="${r.validation_issues.join(', ')}">${t('flagged')}</span> ` : ''}<span translate="no">${recordText(r)}</span>
    </td>
  </tr>`;
};

/** The records of one page of the log list, newest first; columns marked optional hide on narrow screens. */
export const recordsTable = (records: readonly SyncLogRecord[], reader: Reader) => {
  const t = reader.text(RECORDS_TEXT);
  return html`<div class="table-wrap">
    <table id="records">
      <caption class="skip">
        ${t('caption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('time', { zone: reader.timeZone })}</th>
          <th scope="col">${t('operation')}</th>
          <th scope="col">${t('status')}</th>
          <th scope="col" class="optional">${t('customer')}</th>
          <th scope="col" class="optional">${t('email')}</th>
          <th scope="col" class="optional">${t('onec_id')}</th>
          <th scope="col" class="num optional">${t('ms')}</th>
          <th scope="col">${t('message')}</th>
        </tr>
      </thead>
      <tbody>
        ${records.map((r) => recordRow(r, reader))}
      </tbody>
    </table>
  </div>`;
};
