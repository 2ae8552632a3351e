/**
 * Log indices are cut by event time: one index per UTC day, ISO week or month of a record's
 * `@timestamp`. The period is part of the index name, so a name alone tells which records an index
 * holds and when its lifecycle clock starts and ends.
 */

export const INDEX_PERIODS = ['day', 'week', 'month'] as const;
export type IndexPeriod = (typeof INDEX_PERIODS)[number];

export interface Period {
  readonly unit: IndexPeriod;
  /** Inclusive start, UTC. */
  readonly start: Date;
  /** Exclusive end, UTC. */
  readonly end: Date;
  /** The index name suffix: `2026.11.23`, `2026-w48` or `2026.11`. */
  readonly suffix: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The longest a period of this unit can be, in days: what a lifecycle must add to be safe. */
export const MAX_PERIOD_DAYS: Record<IndexPeriod, number> = { day: 1, week: 7, month: 31 };

export function periodOf(time: Date | string | number, unit: IndexPeriod): Period {
  const t = new Date(time);
  if (Number.isNaN(t.getTime())) throw new RangeError(`not a valid time: ${String(time)}`);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const d = t.getUTCDate();
  switch (unit) {
    case 'day': {
      const start = new Date(Date.UTC(y, m, d));
      return { unit, start, end: new Date(start.getTime() + DAY_MS), suffix: `${pad(y, 4)}.${pad(m + 1)}.${pad(d)}` };
    }
    case 'week': {
      const dayOfWeek = (t.getUTCDay() + 6) % 7; // Monday = 0
      const start = new Date(Date.UTC(y, m, d - dayOfWeek));
      const { year, week } = isoWeek(start);
      return { unit, start, end: new Date(start.getTime() + 7 * DAY_MS), suffix: `${pad(year, 4)}-w${pad(week)}` };
    }
    case 'month': {
      const start = new Date(Date.UTC(y, m, 1));
      return { unit, start, end: new Date(Date.UTC(y, m + 1, 1)), suffix: `${pad(y, 4)}.${pad(m + 1)}` };
    }
  }
}

/** The ISO 8601 week-numbering year and week of a Monday. */
function isoWeek(monday: Date): { year: number; week: number } {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  return { year, week: Math.round((monday.getTime() - firstMonday) / (7 * DAY_MS)) + 1 };
}

const SUFFIX_PATTERNS: ReadonlyArray<[IndexPeriod, RegExp]> = [
  ['day', /^(\d{4})\.(\d{2})\.(\d{2})$/],
  ['week', /^(\d{4})-w(\d{2})$/],
  ['month', /^(\d{4})\.(\d{2})$/],
];

/** Reads a period back from an index name suffix; `null` when the suffix is not one of ours. */
export function parsePeriodSuffix(suffix: string): Period | null {
  for (const [unit, pattern] of SUFFIX_PATTERNS) {
    const match = pattern.exec(suffix);
    if (!match) continue;
    const [a, b, c] = match.slice(1).map(Number) as [number, number, number | undefined];
    const probe =
      unit === 'day'
        ? new Date(Date.UTC(a, b - 1, c))
        : unit === 'month'
          ? new Date(Date.UTC(a, b - 1, 1))
          : new Date(Date.UTC(a, 0, 4 + (b - 1) * 7));
    const period = periodOf(probe, unit);
    return period.suffix === suffix ? period : null;
  }
  return null;
}
