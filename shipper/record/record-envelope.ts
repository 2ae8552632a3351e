import { LIMITS } from '../../opensearch/record/vocabulary.ts';
import { toLevel } from './log-levels.ts';
import type { NormaliseContext } from './normalise-record.ts';
import { fieldText } from './raw-text.ts';

/**
 * The fields every stored record has, whatever the call carried: its times, its identity, the
 * producer's sequence, level, message and service.
 */
export function recordEnvelope(
  info: Record<string, unknown>,
  context: NormaliseContext,
  eventId: string,
  eventTime: string | undefined,
): Record<string, unknown> {
  const ingested = isoOf(context.now);
  return {
    '@timestamp': eventTime ?? ingested,
    ingested_at: ingested,
    event_id: eventId,
    producer_id: context.producerId,
    producer_seq: context.producerSeq,
    level: toLevel(info.level),
    message: fieldText(info.message, LIMITS.messageChars),
    service: info.service === undefined ? context.service : serviceWithOverride(context.service, info.service),
  };
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

const SERVICE_TEXT_KEYS = new Set(['name', 'environment', 'version']);

/**
 * A call may name its own service `name`, `environment` or `version`; nothing else of it is kept.
 * The context's service comes first, keys it lacks follow in the call's order. A text is the
 * service's name: winston's own idiom is `defaultMeta: { service: 'user-service' }`.
 */
function serviceWithOverride(service: NormaliseContext['service'], value: unknown): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...service };
  if (typeof value === 'string') {
    merged.name = value;
    return merged;
  }
  if (!value || typeof value !== 'object') return merged;
  for (const key of Object.keys(value)) {
    const text = (value as Record<string, unknown>)[key];
    if (SERVICE_TEXT_KEYS.has(key) && typeof text === 'string') merged[key] = text;
  }
  return merged;
}
