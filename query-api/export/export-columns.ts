import type { SyncLogRecord } from '../../opensearch/record/schema.ts';

/** How a column's value is shown to a person: as it is, or as a time, label, yes/no or number. */
export type ColumnKind = 'text' | 'time' | 'operation_type' | 'status' | 'yes_no' | 'number';
type Value = string | number | boolean | undefined;

/**
 * The export's one column set, in order: the field name (the machine-readable header, and the key
 * of its header for people in `EXPORT_TEXT`), how a person reads it, and the value of a record.
 * New columns go at the end, so scripts that read columns by position keep working.
 */
export const EXPORT_COLUMNS: ReadonlyArray<readonly [string, ColumnKind, (r: SyncLogRecord) => Value]> = [
  ['event_id', 'text', (r) => r.event_id],
  ['@timestamp', 'time', (r) => r['@timestamp']],
  ['level', 'text', (r) => r.level],
  ['operation_type', 'operation_type', (r) => r.operation_type],
  ['status', 'status', (r) => r.status],
  ['operation_id', 'text', (r) => r.operation_id],
  ['customer_id', 'text', (r) => r.customer?.id],
  ['customer_name', 'text', (r) => r.customer?.name],
  ['customer_role', 'text', (r) => r.customer?.role],
  ['customer_email', 'text', (r) => r.customer_email],
  ['onec_id', 'text', (r) => r.onec_id],
  ['duration_ms', 'number', (r) => r.duration_ms],
  ['correlation_id', 'text', (r) => r.correlation_id],
  ['error_type', 'text', (r) => r.error_type],
  ['error_message', 'text', (r) => r.error_message],
  ['message', 'text', (r) => r.message],
  ['manual_review_required', 'yes_no', (r) => r.manual_review_required],
  ['producer_id', 'text', (r) => r.producer_id],
  ['producer_seq', 'number', (r) => r.producer_seq],
  ['service', 'text', (r) => r.service.name],
  // Flagging: why a record is flagged, and the event time as the application gave it when it could not be used.
  ['validation_issues', 'text', (r) => r.validation_issues?.join(';')],
  ['event_time_raw', 'text', (r) => r.event_time_raw],
  // What the sync loggers record beyond the customer: the story's typed fields.
  ['customer_type', 'text', (r) => r.customer_type],
  ['created_new', 'yes_no', (r) => r.created_new],
  ['import_source', 'text', (r) => r.import_source],
  ['assigned_role', 'text', (r) => r.assigned_role],
  ['export_destination', 'text', (r) => r.export_destination],
  ['export_format', 'text', (r) => r.export_format],
  ['conflict_type', 'text', (r) => r.conflict_type],
  ['resolution_strategy', 'text', (r) => r.resolution_strategy],
  ['resolution_method', 'text', (r) => r.resolution_method],
];

export const EXPORT_HEADER = EXPORT_COLUMNS.map(([name]) => name);

/**
 * A cell safe to open in a spreadsheet program: text that a program would read as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe.
 */
export function neutralise(value: string | number | boolean | undefined): string | number | boolean {
  if (value === undefined) return '';
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One record as export cells. Times are the stored ISO UTC strings. */
export const exportRow = (record: SyncLogRecord) => EXPORT_COLUMNS.map(([, , read]) => neutralise(read(record)));
