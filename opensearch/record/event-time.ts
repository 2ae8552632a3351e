/**
 * Reads an event time strictly: a `Date`, epoch milliseconds, or an ISO 8601 date-time with an
 * offset (`Z` or `±hh:mm`). Anything else — a local time without an offset, a day-first date,
 * free text — is unreadable rather than guessed: `new Date("04.12.2026 10:00:00")` is 12 April.
 */
export type EventTimeReading = { readonly ok: true; readonly ms: number } | { readonly ok: false };

// Date, `T` (or one space), hours and minutes, optional seconds and fraction, a required offset.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/** The earliest and latest epoch ms a JavaScript `Date` can hold. */
const MAX_DATE_MS = 8.64e15;

const UNREADABLE: EventTimeReading = { ok: false };

export function readEventTime(value: unknown): EventTimeReading {
  if (value instanceof Date) return valid(value.getTime());
  if (typeof value === 'number') return Number.isFinite(value) ? valid(Math.trunc(value)) : UNREADABLE;
  if (typeof value !== 'string') return UNREADABLE;
  const match = ISO_WITH_OFFSET.exec(value.trim());
  if (!match) return UNREADABLE;
  const [, y, mo, d, h, mi, s = '0', fraction = '', offset] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
    string,
  ];
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return UNREADABLE;
  const utc = Date.UTC(Number(y), month - 1, day, hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  // 31 February rolls over into March in Date.UTC: a real calendar day round-trips.
  if (new Date(utc).getUTCDate() !== day) return UNREADABLE;
  const offsetMs = offsetOf(offset);
  return offsetMs === null ? UNREADABLE : valid(utc - offsetMs);
}

function offsetOf(offset: string): number | null {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

function valid(ms: number): EventTimeReading {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? { ok: true, ms } : UNREADABLE;
}
