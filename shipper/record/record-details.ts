import { RECORD_KEYS } from './call-fields.ts';
import { safeValue } from './safe-value.ts';

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

/** `details` as the call gave it plus every key the record does not read, made safe; undefined when empty. */
export function collectDetails(info: Record<string, unknown>): Record<string, unknown> | undefined {
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
