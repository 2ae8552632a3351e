import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { LEVELS, OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import type { Level, OperationType, Status } from '../../opensearch/record/vocabulary.ts';

/**
 * The figures searches, exports and reports must reproduce for a data set, computed in memory
 * from the records themselves. Every count is of records unless its name says operations.
 */
export interface ExpectedFigures {
  totalRecords: number;
  /** Every vocabulary value is present, zero when no record has it; records without the field are not counted. */
  recordsByOperationType: Record<OperationType, number>;
  recordsByStatus: Record<Status, number>;
  recordsByLevel: Record<Level, number>;
  /**
   * Distinct operations: by `operation_id`, or by the record's own `event_id` when a record with an
   * operation type and a status logged no id (what the shipper stores as `operation_key`); each is
   * counted once, in the state of its latest record.
   */
  operations: number;
  operationsByType: Record<OperationType, number>;
  operationsByLatestStatus: Record<Status, number>;
  /** Operations whose latest status is `error`, divided by all operations; 0 when there are none. */
  operationErrorRate: number;
  /** Distinct `customer.id`; unknown (`null`) and absent customers are not counted. */
  distinctCustomers: number;
  /** The time zone `recordsByDay` was cut in. */
  timeZone: string;
  /** Records per calendar day (`YYYY-MM-DD`) of `@timestamp` in `timeZone`. */
  recordsByDay: Record<string, number>;
  /** Records per `customer_email`, lower-cased, as a case-insensitive search counts them. */
  recordsByCustomerEmail: Record<string, number>;
  manualReviewRequiredRecords: number;
  /** Records per `error_fingerprint`, most first, ties by fingerprint: the order of a terms aggregation. */
  topErrorFingerprints: Array<{ fingerprint: string; count: number }>;
}

export interface ExpectedFiguresOptions {
  /** IANA time zone for `recordsByDay`; default `UTC`. */
  timeZone?: string;
  /** How many fingerprints `topErrorFingerprints` keeps; default 10. */
  topFingerprints?: number;
}

export function expectedFigures(
  records: readonly SyncLogRecord[],
  options: ExpectedFiguresOptions = {},
): ExpectedFigures {
  const timeZone = options.timeZone ?? 'UTC';
  const dayOf = calendarDay(timeZone);
  const recordsByOperationType = zeroCounts(OPERATION_TYPES);
  const recordsByStatus = zeroCounts(STATUSES);
  const recordsByLevel = zeroCounts(LEVELS);
  const recordsByDay: Record<string, number> = {};
  const recordsByCustomerEmail: Record<string, number> = {};
  const fingerprints: Record<string, number> = {};
  const customers = new Set<string>();
  const latestByOperation = new Map<string, SyncLogRecord>();
  let manualReviewRequiredRecords = 0;

  for (const record of records) {
    if (record.operation_type) recordsByOperationType[record.operation_type as OperationType]++;
    if (record.status) recordsByStatus[record.status as Status]++;
    recordsByLevel[record.level]++;
    increment(recordsByDay, dayOf(record['@timestamp']));
    if (record.customer_email !== undefined) increment(recordsByCustomerEmail, record.customer_email.toLowerCase());
    if (record.error_fingerprint !== undefined) increment(fingerprints, record.error_fingerprint);
    if (record.customer) customers.add(record.customer.id);
    if (record.manual_review_required === true) manualReviewRequiredRecords++;
    const key = operationKeyOf(record);
    if (key !== undefined) {
      const latest = latestByOperation.get(key);
      if (!latest || isLater(record, latest)) latestByOperation.set(key, record);
    }
  }

  const operationsByType = zeroCounts(OPERATION_TYPES);
  const operationsByLatestStatus = zeroCounts(STATUSES);
  for (const latest of latestByOperation.values()) {
    if (latest.operation_type) operationsByType[latest.operation_type as OperationType]++;
    if (latest.status) operationsByLatestStatus[latest.status as Status]++;
  }
  const operations = latestByOperation.size;

  return {
    totalRecords: records.length,
    recordsByOperationType,
    recordsByStatus,
    recordsByLevel,
    operations,
    operationsByType,
    operationsByLatestStatus,
    operationErrorRate: operations === 0 ? 0 : operationsByLatestStatus.error / operations,
    distinctCustomers: customers.size,
    timeZone,
    recordsByDay,
    recordsByCustomerEmail,
    manualReviewRequiredRecords,
    topErrorFingerprints: topCounts(fingerprints, options.topFingerprints ?? 10),
  };
}

/** Derived from the logged fields, not read from `operation_key`, so a wrong key in a data set shows. */
function operationKeyOf(record: SyncLogRecord): string | undefined {
  if (record.operation_id !== undefined) return record.operation_id;
  return record.operation_type !== undefined && record.status !== undefined ? record.event_id : undefined;
}

/** Latest by `@timestamp`, then by `producer_seq`: the order in which the operation's producer logged. */
function isLater(record: SyncLogRecord, than: SyncLogRecord): boolean {
  const a = Date.parse(record['@timestamp']);
  const b = Date.parse(than['@timestamp']);
  return a !== b ? a > b : record.producer_seq > than.producer_seq;
}

/** Built from date parts rather than a locale's date pattern, which ICU updates may change. */
function calendarDay(timeZone: string): (timestamp: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (timestamp) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(timestamp)).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function topCounts(counts: Record<string, number>, limit: number): Array<{ fingerprint: string; count: number }> {
  return Object.entries(counts)
    .map(([fingerprint, count]) => ({ fingerprint, count }))
    .sort((a, b) => b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0))
    .slice(0, limit);
}
