import { newEventId } from '../../opensearch/record/event-id.ts';
import { errorFields } from '../../opensearch/record/error-fields.ts';
import { passesQuickCheck } from '../../opensearch/record/record-quick-check.ts';
import { syncLogRecordSchema, type SyncLogRecord } from '../../opensearch/record/schema.ts';
import { liftTypedFields } from '../../opensearch/record/typed-fields.ts';
import { LIMITS } from '../../opensearch/record/vocabulary.ts';
import { toLevel } from './log-levels.ts';
import { safeValue } from './safe-value.ts';

/**
 * The fields a log call may carry (on winston's `info` object). Anything else the application
 * passes is kept under `details`, so no call can add a top-level field to the index.
 */
const RECORD_KEYS = [
  'operation_id', 'operation_type', 'status', 'customer', 'customer_email', 'onec_id', 'category',
  'duration_ms', 'correlation_id', 'trace_id', 'span_id', 'customer_type', 'created_new', 'conflict_type',
  'manual_review_required',
] as const;
/** Read for their meaning and never copied into `details`. */
const CONSUMED_KEYS = new Set<string>([
  ...RECORD_KEYS, 'level', 'message', 'details', 'error', 'error_message', 'error_type', 'stack', 'name',
  '@timestamp', 'timestamp', 'event_time', 'service',
]);

export interface NormaliseContext {
  /** The time of the call, in ms: event time unless the record carries its own. */
  readonly now: number;
  readonly producerId: string;
  readonly producerSeq: number;
  readonly service: { readonly name: string; readonly environment?: string; readonly version?: string };
}

export type Normalised =
  | { readonly ok: true; readonly record: SyncLogRecord }
  | { readonly ok: false; readonly reason: string; readonly raw: string; readonly eventId: string };

/** Builds the stored record from one log call. Never throws: a bad record comes back with its reason. */
export function normaliseRecord(info: Record<string, unknown>, context: NormaliseContext): Normalised {
  const eventId = newEventId(context.now);
  try {
    const candidate = buildCandidate(info, context, eventId);
    if (passesQuickCheck(candidate)) return { ok: true, record: candidate };
    const parsed = syncLogRecordSchema.safeParse(candidate);
    if (parsed.success) return { ok: true, record: parsed.data };
    const reason = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: `invalid record: ${reason}`, raw: rawOf(info), eventId };
  } catch (error) {
    return { ok: false, reason: `unreadable record: ${(error as Error)?.message ?? String(error)}`, raw: rawOf(info), eventId };
  }
}

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

function buildCandidate(info: Record<string, unknown>, context: NormaliseContext, eventId: string): Record<string, unknown> {
  const details = collectDetails(info);
  const record: Record<string, unknown> = {
    '@timestamp': eventTime(info, context.now),
    ingested_at: isoOf(context.now),
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
    record[key] = key === 'customer' && value !== null ? safeValue(value) : key === 'duration_ms' ? duration(value) : value;
  }
  if (details) record.details = details;
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
  const details = typeof safe === 'object' && safe !== null && !Array.isArray(safe) ? (safe as Record<string, unknown>) : { value: safe };
  return Object.keys(details).length > 0 ? details : undefined;
}

/** `details` as given with the call's other keys added. safeValue copies, so nothing is copied here unless both exist. */
function mergeDetails(given: unknown, extra: Record<string, unknown> | undefined): unknown {
  if (given === undefined) return extra;
  const isObject = given !== null && typeof given === 'object' && !Array.isArray(given);
  if (extra === undefined) return isObject ? given : { value: given };
  return isObject ? { ...given, ...extra } : { value: given, ...extra };
}

function eventTime(info: Record<string, unknown>, now: number): string {
  const given = info['@timestamp'] ?? info.event_time ?? info.timestamp;
  if (given === undefined) return isoOf(now);
  const time = given instanceof Date ? given : new Date(given as string | number);
  // An unreadable time is kept visible rather than guessed: the schema rejects it with the reason.
  return Number.isNaN(time.getTime()) ? String(given) : time.toISOString();
}

function errorOf(info: Record<string, unknown>): { message: string; type?: string; stack?: string } | null {
  const e = info.error;
  if (e instanceof Error) return { message: e.message, type: e.name, ...(e.stack ? { stack: e.stack } : {}) };
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    return { message: text(o.message ?? JSON.stringify(safeValue(o)), Infinity), ...optionalText('type', o.type ?? o.name), ...optionalText('stack', o.stack) };
  }
  if (typeof e === 'string') return { message: e, ...optionalText('type', info.error_type) };
  if (typeof info.error_message === 'string') return { message: info.error_message, ...optionalText('type', info.error_type) };
  // winston's `format.errors()` or `logger.error(err)` puts the stack on `info` itself.
  if (typeof info.stack === 'string') return { message: text(info.message, Infinity), stack: info.stack, ...optionalText('type', info.name) };
  return null;
}

function optionalText<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value.length > 0 ? ({ [key]: value } as Record<K, string>) : {};
}

function text(value: unknown, max: number): string {
  const s = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(safeValue(value)) ?? String(value);
  return s.length > max ? s.slice(0, max) : s;
}

function duration(value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : value;
}

function serviceOverride(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => ['name', 'environment', 'version'].includes(k) && typeof v === 'string'));
}

function rawOf(info: Record<string, unknown>): string {
  try {
    return JSON.stringify(safeValue(info)) ?? '{}';
  } catch {
    return '{"unserialisable":true}';
  }
}
