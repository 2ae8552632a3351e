import { formatDateTime } from '../../opensearch/i18n/date-format.ts';
import { spreadsheetNumber } from '../../opensearch/i18n/number-format.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Reader } from '../reader/reader.ts';
import { EXPORT_COLUMNS, neutralise, type ColumnKind } from './export-columns.ts';
import type { ExportCell, ExportLayout } from './export-layout.ts';
import { EXPORT_TEXT } from './export-text.ts';

type HeaderKey = Exclude<keyof typeof EXPORT_TEXT.en, 'yes' | 'no' | 'sheet'>;
type Column = readonly [HeaderKey, ColumnKind, (r: SyncLogRecord) => string | number | boolean | undefined];

/** The columns a person reads first, in this order; the others follow in the export's own order. */
const FIRST: readonly string[] = [
  '@timestamp',
  'operation_type',
  'status',
  'customer_name',
  'customer_id',
  'customer_role',
  'customer_email',
  'onec_id',
  'duration_ms',
  'error_message',
  'error_type',
  'message',
  'manual_review_required',
];
/** Labelled columns keep the stored value beside them: the ISO UTC instant, the code. */
const BESIDE: Readonly<Record<string, HeaderKey>> = {
  '@timestamp': 'time_utc',
  operation_type: 'operation_type_code',
  status: 'status_code',
};
const headerKey = (name: string) => (name === '@timestamp' ? 'time' : name) as HeaderKey;
const columnNamed = (name: string) => EXPORT_COLUMNS.find(([column]) => column === name)!;

/**
 * The columns of a file for a reader: what a person scans first, then the export's other
 * columns. Labelled types and statuses keep their codes beside them, and the reader's time keeps
 * the stored ISO UTC instant beside it, so a script can still match and sort rows of a file made
 * for people.
 */
const LABELLED_COLUMNS: readonly Column[] = [
  ...FIRST.map(columnNamed),
  ...EXPORT_COLUMNS.filter(([name]) => !FIRST.includes(name)),
].flatMap(([name, kind, read]): Column[] => {
  const beside = BESIDE[name];
  return beside
    ? [
        [headerKey(name), kind, read],
        [beside, 'text', read],
      ]
    : [[headerKey(name), kind, read]];
});

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
  const cell = (kind: ColumnKind, value: string | number | boolean | undefined): ExportCell => {
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
