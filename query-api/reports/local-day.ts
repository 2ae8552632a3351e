import { knownTimeZone, wallClockParts } from '../../opensearch/i18n/date-format.ts';

/** Minutes east of UTC that `timeZone` is at `instant`. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = wallClockParts(timeZone, new Date(instant));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((local - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The UTC instant at which a local date-time (`Y-M-D h:00`) happens in `timeZone`. */
function localToUtc(year: number, month: number, day: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day);
  let utc = naive - offsetMinutes(naive, timeZone) * 60_000;
  // Around a DST change the offset at the guess can differ from the offset at the answer.
  utc = naive - offsetMinutes(utc, timeZone) * 60_000;
  return utc;
}

/** `[start, end)` in UTC of a local calendar day (`YYYY-MM-DD`) in `timeZone`. */
export function localDayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    from: new Date(localToUtc(y, m, d, timeZone)),
    to: new Date(localToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone)),
  };
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export const isTimeZone = (timeZone: string): boolean => knownTimeZone(timeZone) !== null;
