import type { SyncLogRecord } from '../../opensearch/record/schema.ts';

/** The export's explicit column set, in order: the header row and one cell per record each. */
export const EXPORT_COLUMNS: ReadonlyArray<
  readonly [string, (r: SyncLogRecord) => string | number | boolean | undefined]
> = [
  ['event_id', (r) => r.event_id],
  ['@timestamp', (r) => r['@timestamp']],
  ['level', (r) => r.level],
  ['operation_type', (r) => r.operation_type],
  ['status', (r) => r.status],
  ['operation_id', (r) => r.operation_id],
  ['customer_id', (r) => r.customer?.id],
  ['customer_name', (r) => r.customer?.name],
  ['customer_role', (r) => r.customer?.role],
  ['customer_email', (r) => r.customer_email],
  ['onec_id', (r) => r.onec_id],
  ['duration_ms', (r) => r.duration_ms],
  ['correlation_id', (r) => r.correlation_id],
  ['error_type', (r) => r.error_type],
  ['error_message', (r) => r.error_message],
  ['message', (r) => r.message],
  ['manual_review_required', (r) => r.manual_review_required],
  ['producer_id', (r) => r.producer_id],
  ['producer_seq', (r) => r.producer_seq],
  ['service', (r) => r.service.name],
  // Flagging: why a record is flagged, and the event time as the application gave it when it could not be used.
  ['validation_issues', (r) => r.validation_issues?.join(';')],
  ['event_time_raw', (r) => r.event_time_raw],
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
export const exportRow = (record: SyncLogRecord) => EXPORT_COLUMNS.map(([, read]) => neutralise(read(record)));
