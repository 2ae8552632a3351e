import { periodOf, type IndexPeriod } from './index-period.ts';

const DAY_MS = 86_400_000;

/** How far ahead of now an event time is still believed unless configured: 5 minutes. */
export const DEFAULT_CLOCK_SKEW_MS = 300_000;

/**
 * The event times a log index may be created for: from the oldest period the lifecycle still
 * keeps (its delete horizon has not passed) to now plus a small clock skew. Whatever the input,
 * the log indices a shipper creates stay within these periods.
 */
export interface EventWindowOptions {
  /** Days after its period ended that an index is deleted (the lifecycle's `delete_days`). */
  readonly deleteDays: number;
  /** How far ahead of this process's clock an event time may be and still be believed. */
  readonly clockSkewMs: number;
  readonly period: IndexPeriod;
}

export type EventTimeVerdict = 'in_window' | 'expired' | 'future';

export function judgeEventTime(eventMs: number, nowMs: number, window: EventWindowOptions): EventTimeVerdict {
  if (eventMs > nowMs + window.clockSkewMs) return 'future';
  // Fast path: a period holding a time newer than the horizon ends after it.
  if (eventMs >= nowMs - window.deleteDays * DAY_MS) return 'in_window';
  return periodOf(eventMs, window.period).end.getTime() + window.deleteDays * DAY_MS <= nowMs ? 'expired' : 'in_window';
}

/** How many periods the window spans at most: the bound on the log indices a shipper creates. */
export function periodsInWindow(window: EventWindowOptions): number {
  const days = { day: 1, week: 7, month: 28 }[window.period];
  // The current period, the kept ones before it (shortest period length gives the most), and one
  // more when the skew reaches into the next period.
  return 1 + Math.ceil(window.deleteDays / days) + 1 + Math.ceil(window.clockSkewMs / (days * DAY_MS));
}
