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

// Consecutive records usually carry the same time string (winston's `timestamp()` per millisecond).
let lastGiven: unknown;
let lastMs = 0;

export function eventTimeOutcome(given: unknown, now: number, window: EventWindowOptions): EventTimeOutcome {
  let ms: number;
  if (typeof given === 'string' && given === lastGiven) ms = lastMs;
  else {
    const reading = readEventTime(given);
    if (!reading.ok) return { kind: 'flagged', issue: 'event_time_unreadable', raw: rawText(given) };
    ms = reading.ms;
    if (typeof given === 'string') {
      lastGiven = given;
      lastMs = ms;
    }
  }
  switch (judgeEventTime(ms, now, window)) {
    case 'in_window':
      return { kind: 'stored', timestamp: new Date(ms).toISOString() };
    case 'future':
      return { kind: 'flagged', issue: 'event_time_future', raw: rawText(given) };
    case 'expired':
      return { kind: 'expired', raw: rawText(given) };
  }
}
