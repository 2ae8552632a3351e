import { newEventId } from '../../opensearch/record/event-id.ts';
import { errorFields } from '../../opensearch/record/error-fields.ts';
import { passesQuickCheck } from '../../opensearch/record/record-quick-check.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { liftTypedFields } from '../../opensearch/record/typed-fields.ts';
import { LIMITS } from '../../opensearch/record/vocabulary.ts';
import type { DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import { eventTimeOutcome, givenEventTime, type EventTimeOutcome } from './event-time-fields.ts';
import { customerOf } from './customer-fields.ts';
import { flaggedValues, invalidIssue, type FlaggedValues } from './flagged-values.ts';
import { storableRecord } from './storable-record.ts';
import { toLevel } from './log-levels.ts';
import { DEFAULT_RECORD_RULES, type RecordRules } from './record-rules.ts';
import { safeValue } from './safe-value.ts';

/**
 * The fields a log call may carry (on winston's `info` object). Anything else the application
 * passes is kept under `details`, so no call can add a top-level field to the index.
 */
const RECORD_KEYS = [
  'operation_id',
  'operation_type',
  'status',
  'customer',
  'customer_email',
  'onec_id',
  'category',
  'duration_ms',
  'correlation_id',
  'trace_id',
  'span_id',
  'customer_type',
  'created_new',
  'conflict_type',
  'manual_review_required',
] as const;
/** Read for their meaning and never copied into `details`. */
const CONSUMED_KEYS = new Set<string>([
  ...RECORD_KEYS,
  'level',
  'message',
  'details',
  'error',
  'error_message',
  'error_type',
  'stack',
  'name',
  '@timestamp',
  'timestamp',
  'event_time',
  'service',
]);

export interface NormaliseContext {
  /** The time of the call, in ms: event time unless the record carries its own. */
  readonly now: number;
  readonly producerId: string;
  readonly producerSeq: number;
  readonly service: { readonly name: string; readonly environment?: string; readonly version?: string };
  /** The event window and vocabularies; default {@link DEFAULT_RECORD_RULES}. */
  readonly rules?: RecordRules;
}

/** Why a log call could not become a stored record at all. */
export type UnstorableCode = Extract<DeadLetterReason, 'validation' | 'event_time_expired'>;

export type Normalised =
  | { readonly ok: true; readonly record: SyncLogRecord }
  | {
      readonly ok: false;
      readonly code: UnstorableCode;
      readonly reason: string;
      readonly raw: string;
      readonly eventId: string;
    };

/**
 * Builds the stored record from one log call. Never throws. What can be stored is stored: a value
 * outside its vocabulary or of the wrong type is moved to `invalid.<field>` and flagged in
 * `validation_issues`; an unusable event time is replaced by the arrival time and kept in
 * `event_time_raw`. Only a record older than the delete horizon, or one that cannot be made
 * storable at all, comes back refused with its reason.
 */
export function normaliseRecord(info: Record<string, unknown>, context: NormaliseContext): Normalised {
  const eventId = newEventId(context.now);
  try {
    const rules = context.rules ?? DEFAULT_RECORD_RULES;
    const given = givenEventTime(info);
    const time = given === undefined ? NO_TIME_GIVEN : eventTimeOutcome(given, context.now, rules.window);
    if (time.kind === 'expired') {
      return {
        ok: false,
        code: 'event_time_expired',
        reason: `event time ${time.raw} is older than the ${rules.window.deleteDays}-day delete horizon`,
        raw: rawOf(info),
        eventId,
      };
    }
    const flags = flaggedValues();
    const candidate = buildCandidate(
      info,
      context,
      eventId,
      rules,
      flags,
      time.kind === 'stored' ? time.timestamp : undefined,
    );
    if (time.kind === 'flagged') {
      candidate.event_time_raw = time.raw;
      flags.add('@timestamp', undefined, time.issue);
    }
    flags.applyTo(candidate);
    if (passesQuickCheck(candidate)) return { ok: true, record: candidate };
    const stored = storableRecord(candidate, context.service, flags);
    if (stored.ok) return stored;
    return { ok: false, code: 'validation', reason: `invalid record: ${stored.reason}`, raw: rawOf(info), eventId };
  } catch (error) {
    return {
      ok: false,
      code: 'validation',
      reason: `unreadable record: ${(error as Error)?.message ?? String(error)}`,
      raw: rawOf(info),
      eventId,
    };
  }
}

const NO_TIME_GIVEN: EventTimeOutcome = { kind: 'stored', timestamp: undefined };

// Records logged in the same millisecond share one formatted time: formatting is a visible part
// of a log call's cost.
let lastNow = Number.NaN;
let lastIso = '';
function isoOf(now: number): string {
  if (now !== lastNow) {
    lastNow = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

/** Id-like fields: a finite number is an id written as a number (`customer: { id: 42 }`), kept as its text. */
const ID_KEYS = new Set([
  'operation_id',
  'onec_id',
  'correlation_id',
  'trace_id',
  'span_id',
  'category',
  'customer_type',
  'conflict_type',
]);

function buildCandidate(
  info: Record<string, unknown>,
  context: NormaliseContext,
  eventId: string,
  rules: RecordRules,
  flags: FlaggedValues,
  eventTime: string | undefined,
): Record<string, unknown> {
  let details = collectDetails(info);
  const ingested = isoOf(context.now);
  const record: Record<string, unknown> = {
    '@timestamp': eventTime ?? ingested,
    ingested_at: ingested,
    event_id: eventId,
    producer_id: context.producerId,
    producer_seq: context.producerSeq,
    level: toLevel(info.level),
    message: text(info.message, LIMITS.messageChars),
    service: info.service === undefined ? context.service : { ...context.service, ...serviceOverride(info.service) },
    ...(details ? liftTypedFields(details) : {}),
  };
  for (const key of RECORD_KEYS) {
    const value = info[key];
    if (value === undefined) continue;
    if (key === 'customer') {
      const customer = customerOf(value);
      if (customer.extra) details = { ...details, customer: customer.extra };
      record.customer = customer.value;
    } else if (key === 'duration_ms') {
      const ms = duration(value);
      if (ms === undefined) flags.add(key, value, 'duration_ms_invalid');
      else record[key] = ms;
    } else if (key === 'operation_type' || key === 'status') {
      const known = key === 'operation_type' ? rules.operationTypes : rules.statuses;
      if (typeof value === 'string' && known.has(value)) record[key] = value;
      else flags.add(key, value, typeof value === 'string' && value.length > 0 ? `${key}_unknown` : invalidIssue(key));
    } else {
      record[key] = ID_KEYS.has(key) && typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    }
  }
  if (details) record.details = details;
  // Every operation counts once: by its id, or as its own operation when it logged none.
  const operationId = record.operation_id;
  if (typeof operationId === 'string' && operationId.length > 0) record.operation_key = operationId;
  else if (info.operation_type !== undefined && info.status !== undefined) record.operation_key = eventId;
  const error = errorOf(info);
  if (error) Object.assign(record, errorFields(error));
  return record;
}

function collectDetails(info: Record<string, unknown>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(info)) {
    if (CONSUMED_KEYS.has(key)) continue;
    extra ??= {};
    extra[key] = info[key];
  }
  const merged = mergeDetails(info.details, extra);
  if (merged === undefined) return undefined;
  const safe = safeValue(merged);
  // A value that is not a plain object once made safe (a Date, say) is kept under `value`.
  const details =
    typeof safe === 'object' && safe !== null && !Array.isArray(safe)
      ? (safe as Record<string, unknown>)
      : { value: safe };
  return Object.keys(details).length > 0 ? details : undefined;
}

/** `details` as given with the call's other keys added. safeValue copies, so nothing is copied here unless both exist. */
function mergeDetails(given: unknown, extra: Record<string, unknown> | undefined): unknown {
  if (given === undefined) return extra;
  const isObject = given !== null && typeof given === 'object' && !Array.isArray(given);
  if (extra === undefined) return isObject ? given : { value: given };
  return isObject ? { ...given, ...extra } : { value: given, ...extra };
}

function errorOf(info: Record<string, unknown>): { message: string; type?: string; stack?: string } | null {
  const e = info.error;
  if (e instanceof Error) return { message: e.message, type: e.name, ...(e.stack ? { stack: e.stack } : {}) };
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    return {
      message: text(o.message ?? JSON.stringify(safeValue(o)), Infinity),
      ...optionalText('type', o.type ?? o.name),
      ...optionalText('stack', o.stack),
    };
  }
  if (typeof e === 'string') return { message: e, ...optionalText('type', info.error_type) };
  if (typeof info.error_message === 'string')
    return { message: info.error_message, ...optionalText('type', info.error_type) };
  // winston's `format.errors()` or `logger.error(err)` puts the stack on `info` itself.
  if (typeof info.stack === 'string')
    return { message: text(info.message, Infinity), stack: info.stack, ...optionalText('type', info.name) };
  return null;
}

function optionalText<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value.length > 0 ? ({ [key]: value } as Record<K, string>) : {};
}

function text(value: unknown, max: number): string {
  const s =
    typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(safeValue(value)) ?? String(value));
  return s.length > max ? s.slice(0, max) : s;
}

/** A duration is a finite, non-negative number of milliseconds; anything else is flagged. */
function duration(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER
    ? Math.round(value)
    : undefined;
}

function serviceOverride(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => ['name', 'environment', 'version'].includes(k) && typeof v === 'string'),
  );
}

function rawOf(info: Record<string, unknown>): string {
  try {
    return JSON.stringify(safeValue(info)) ?? '{}';
  } catch {
    return '{"unserialisable":true}';
  }
}
