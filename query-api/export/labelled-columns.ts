import { formatDateTime } from '../../opensearch/i18n/date-format.ts';
import { spreadsheetNumber } from '../../opensearch/i18n/number-format.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Reader } from '../reader/reader.ts';
import { neutralise } from './export-columns.ts';
import type { ExportCell, ExportLayout } from './export-layout.ts';
import { EXPORT_TEXT } from './export-text.ts';

type Value = string | number | boolean | undefined;
/** How a column's value is shown: as it is, or as a time, label, yes/no or number for the reader. */
type Kind = 'text' | 'time' | 'operation_type' | 'status' | 'yes_no' | 'number';
type HeaderKey = Exclude<keyof typeof EXPORT_TEXT.en, 'yes' | 'no' | 'sheet'>;

/**
 * The columns of a file for a reader, in the order an administrator scans them. Labelled types
 * and statuses keep their codes beside them, and the reader's time keeps the stored ISO UTC
 * instant beside it, so a script can still match and sort rows of a file made for people.
 */
const LABELLED_COLUMNS: ReadonlyArray<readonly [HeaderKey, Kind, (r: SyncLogRecord) => Value]> = [
  ['time', 'time', (r) => r['@timestamp']],
  ['time_utc', 'text', (r) => r['@timestamp']],
  ['operation_type', 'operation_type', (r) => r.operation_type],
  ['operation_type_code', 'text', (r) => r.operation_type],
  ['status', 'status', (r) => r.status],
  ['status_code', 'text', (r) => r.status],
  ['customer_name', 'text', (r) => r.customer?.name],
  ['customer_id', 'text', (r) => r.customer?.id],
  ['customer_role', 'text', (r) => r.customer?.role],
  ['customer_email', 'text', (r) => r.customer_email],
  ['onec_id', 'text', (r) => r.onec_id],
  ['duration_ms', 'number', (r) => r.duration_ms],
  ['error_message', 'text', (r) => r.error_message],
  ['error_type', 'text', (r) => r.error_type],
  ['message', 'text', (r) => r.message],
  ['manual_review_required', 'yes_no', (r) => r.manual_review_required],
  ['level', 'text', (r) => r.level],
  ['operation_id', 'text', (r) => r.operation_id],
  ['correlation_id', 'text', (r) => r.correlation_id],
  ['event_id', 'text', (r) => r.event_id],
  ['service', 'text', (r) => r.service.name],
  ['producer_id', 'text', (r) => r.producer_id],
  ['producer_seq', 'number', (r) => r.producer_seq],
  ['validation_issues', 'text', (r) => r.validation_issues?.join(';')],
  ['event_time_raw', 'text', (r) => r.event_time_raw],
];

/**
 * An instant as the reader's wall clock, for a spreadsheet date cell (which has no time zone):
 * a Date whose UTC fields are the reader's local date and time, to the second.
 */
export function wallClock(iso: string, timeZone: string): Date | string {
  const local = new Date(`${formatDateTime(iso, 'en', timeZone).replace(' ', 'T')}Z`);
  return Number.isNaN(local.getTime()) ? iso : local;
}

/**
 * The layout of a file for `reader`: headers in their language, types and statuses labelled,
 * yes/no spelled out, times in their zone. In CSV times are text in the language's format and
 * numbers carry a decimal comma in Russian; in XLSX times are date cells and numbers stay numbers.
 * Text a spreadsheet would run as a formula is neutralised, labels included.
 */
export function labelledLayout(reader: Reader, target: 'csv' | 'xlsx'): ExportLayout {
  const t = reader.text(EXPORT_TEXT);
  const cell = (kind: Kind, value: Value): ExportCell => {
    if (value === undefined) return '';
    switch (kind) {
      case 'time':
        return target === 'xlsx' ? wallClock(String(value), reader.timeZone) : reader.time(String(value));
      case 'operation_type':
      case 'status':
        return neutralise(reader.label(kind, String(value)));
      case 'yes_no':
        return t(value ? 'yes' : 'no');
      case 'number':
        return typeof value === 'number' && target === 'csv' ? spreadsheetNumber(value, reader.locale) : value;
      default:
        return neutralise(value);
    }
  };
  return {
    header: LABELLED_COLUMNS.map(([key]) => t(key, { zone: reader.timeZone })),
    row: (record) => LABELLED_COLUMNS.map(([, kind, read]) => cell(kind, read(record))),
  };
}
