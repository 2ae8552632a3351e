import { html } from 'hono/html';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Reader } from '../reader/reader.ts';
import type { Fragment } from './console-layout.ts';
import { personalValue } from './personal-value.ts';
import { RECORD_TEXT, type RecordText } from './record-text.ts';
import { RECORDS_TEXT } from './records-text.ts';

/** One shown field: its stable key (the `data-field` tests and scripts find), its name, its value, whether the value is data. */
interface ShownField {
  readonly key: string;
  readonly name: keyof typeof RECORD_TEXT.en;
  readonly read: (r: SyncLogRecord, reader: Reader, t: RecordText) => unknown;
  /** Ids, names, messages: shown as they are, never translated. */
  readonly data?: boolean;
}

const label = (reader: Reader, vocabulary: 'operation_type' | 'status', code: string | undefined) =>
  code === undefined ? undefined : reader.label(vocabulary, code);

const SHOWN: readonly ShownField[] = [
  { key: 'event id', name: 'event_id', read: (r) => r.event_id, data: true },
  { key: 'time', name: 'time', read: (r, reader) => reader.time(r['@timestamp']) },
  // The time the application gave, when it could not be used: the time above is then the arrival time.
  { key: 'event time as given', name: 'event_time_raw', read: (r) => r.event_time_raw, data: true },
  { key: 'level', name: 'level', read: (r) => r.level, data: true },
  { key: 'operation', name: 'operation', read: (r, reader) => label(reader, 'operation_type', r.operation_type) },
  { key: 'status', name: 'status', read: (r, reader) => label(reader, 'status', r.status) },
  { key: 'validation issues', name: 'validation_issues', read: (r) => r.validation_issues?.join(', '), data: true },
  { key: 'operation id', name: 'operation_id', read: (r) => r.operation_id, data: true },
  { key: 'correlation id', name: 'correlation_id', read: (r) => r.correlation_id, data: true },
  {
    key: 'customer',
    name: 'customer',
    read: (r, reader) =>
      r.customer
        ? html`${personalValue(r.customer.name, reader.text(RECORDS_TEXT))}
          (${r.customer.id}${r.customer.role ? `, ${r.customer.role}` : ''})`
        : undefined,
    data: true,
  },
  {
    key: 'e-mail',
    name: 'email',
    read: (r, reader) => personalValue(r.customer_email, reader.text(RECORDS_TEXT)),
    data: true,
  },
  {
    key: '1C id',
    name: 'onec_id',
    read: (r, reader) => personalValue(r.onec_id, reader.text(RECORDS_TEXT)),
    data: true,
  },
  {
    key: 'duration',
    name: 'duration',
    read: (r, reader, t) =>
      r.duration_ms === undefined ? undefined : t('duration_ms', { ms: reader.count(r.duration_ms) }),
  },
  { key: 'message', name: 'message', read: (r) => r.message, data: true },
  { key: 'error type', name: 'error_type', read: (r) => r.error_type, data: true },
  { key: 'error message', name: 'error_message', read: (r) => r.error_message, data: true },
  {
    key: 'manual review',
    name: 'manual_review',
    read: (r, _reader, t) =>
      r.manual_review_required === undefined ? undefined : t(r.manual_review_required ? 'yes' : 'no'),
  },
  // What the sync loggers record beyond the customer; codes the application chose, shown as they are.
  ...(['customer_type', 'import_source', 'assigned_role', 'export_destination', 'export_format'] as const).map(
    (field): ShownField => ({ key: field.replace(/_/g, ' '), name: field, read: (r) => r[field], data: true }),
  ),
  {
    key: 'created new',
    name: 'created_new',
    read: (r, _reader, t) => (r.created_new === undefined ? undefined : t(r.created_new ? 'yes' : 'no')),
  },
  ...(['conflict_type', 'resolution_strategy', 'resolution_method'] as const).map((field): ShownField => ({
    key: field.replace(/_/g, ' '),
    name: field,
    read: (r) => r[field],
    data: true,
  })),
  {
    key: 'service',
    name: 'service',
    read: (r) => `${r.service.name}${r.service.version ? ` ${r.service.version}` : ''}`,
    data: true,
  },
  { key: 'producer', name: 'producer', read: (r) => `${r.producer_id} #${r.producer_seq}`, data: true },
];

/**
 * The record's fields as a definition list, in the reader's language: labels for types and
 * statuses, times in the reader's zone; values that are data are marked as not to be translated.
 */
export function recordFields(record: SyncLogRecord, reader: Reader): Fragment {
  const t = reader.text(RECORD_TEXT);
  return html`<dl class="record" id="record">
    ${SHOWN.map(({ key, name, read, data }) => {
      const value = read(record, reader, t);
      return value === undefined || value === ''
        ? ''
        : html`<dt>${t(name, { zone: reader.timeZone })}</dt>
            <dd data-field="${key}" ${data ? html`translate="no"` : ''}>${typeof value === 'object' ? value : String(value)}</dd>`;
    })}
  </dl>`;
}
