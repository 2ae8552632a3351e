import { readEventTime } from '../../opensearch/record/event-time.ts';
import { judgeEventTime, type EventWindowOptions } from '../../opensearch/record/event-window.ts';
import { rawText } from './raw-text.ts';

/** Where a log call's event time leaves the record. */
export type EventTimeOutcome =
  /** `timestamp` undefined: none was given, the call's own time is the event time. */
  | { readonly kind: 'stored'; readonly timestamp: string | undefined }
  /** Unreadable, or later than now + skew: stored at its arrival time, flagged, the original kept. */
  | { readonly kind: 'flagged'; readonly issue: 'event_time_unreadable' | 'event_time_future'; readonly raw: string }
  /** Older than the lifecycle's delete horizon: no index may be created for it. */
  | { readonly kind: 'expired'; readonly raw: string };

/** The names a log call may give its event time under, in order of precedence. */
export function givenEventTime(info: Record<string, unknown>): unknown {
  return info['@timestamp'] ?? info.event_time ?? info.timestamp;
}

export function eventTimeOutcome(given: unknown, now: number, window: EventWindowOptions): EventTimeOutcome {
  const time = givenTime(given);
  if (time === undefined) return { kind: 'flagged', issue: 'event_time_unreadable', raw: rawText(given) };
  switch (judgeEventTime(time.ms, now, window)) {
    case 'in_window':
      return { kind: 'stored', timestamp: time.iso };
    case 'future':
      return { kind: 'flagged', issue: 'event_time_future', raw: rawText(given) };
    case 'expired':
      return { kind: 'expired', raw: rawText(given) };
  }
}

/** A readable event time: its epoch ms and how it is stored. */
interface GivenTime {
  readonly ms: number;
  readonly iso: string;
}

// Consecutive records usually carry the same time string (winston's `timestamp()` per millisecond).
let lastGiven: string | undefined;
let lastTime: GivenTime | undefined;

function givenTime(given: unknown): GivenTime | undefined {
  if (typeof given !== 'string') return strictTime(given);
  if (given === lastGiven) return lastTime;
  const time = canonicalTime(given) ?? strictTime(given);
  if (time !== undefined) {
    lastGiven = given;
    lastTime = time;
  }
  return time;
}

function strictTime(given: unknown): GivenTime | undefined {
  const reading = readEventTime(given);
  return reading.ok ? { ms: reading.ms, iso: new Date(reading.ms).toISOString() } : undefined;
}

/**
 * A time written as `Date#toISOString` writes it (winston's `timestamp()` does) is its own stored
 * form: one parse and one format check it, where the strict reader would match, convert and then
 * format it anew. The strict reader reads such a string as the same instant, except for years
 * 0–999, which it leaves to `Date.UTC` (years 0–99 become 1900–1999): those take the strict path.
 */
function canonicalTime(given: string): GivenTime | undefined {
  if (given.length !== 24 || given.charCodeAt(0) === 0x30) return undefined;
  const ms = Date.parse(given);
  return Number.isFinite(ms) && new Date(ms).toISOString() === given ? { ms, iso: given } : undefined;
}
