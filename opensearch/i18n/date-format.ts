import type { Locale } from './locale.ts';

/** A time zone the runtime knows (`Europe/Moscow`, `UTC`), or `null`. */
export function knownTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a zone (`Intl` parts, two digits, 24 h). */
export function wallClockParts(timeZone: string, date: Date) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/**
 * A calendar day as the language writes it: `2026-12-04` in English (ISO, unambiguous), `04.12.2026`
 * (ДД.ММ.ГГГГ) in Russian. `day` is `YYYY-MM-DD`; anything else is returned as given.
 */
export function formatDay(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || locale === 'en') return day;
  return `${match[3]}.${match[2]}.${match[1]}`;
}

/**
 * An instant in a reader's time zone: `2026-12-04 23:42:05` or `04.12.2026 23:42:05`. A value that
 * is not a time is returned as given.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = wallClockParts(timeZone, date);
  return `${formatDay(`${p.year}-${p.month}-${p.day}`, locale)} ${p.hour}:${p.minute}:${p.second}`;
}
