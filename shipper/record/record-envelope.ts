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
    service: info.service === undefined ? context.service : { ...context.service, ...serviceOverride(info.service) },
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

/** A call may name its own service `name`, `environment` or `version`; nothing else of it is kept. */
function serviceOverride(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => ['name', 'environment', 'version'].includes(k) && typeof v === 'string'),
  );
}
