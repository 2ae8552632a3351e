import { describe, expect, it } from 'vitest';
import { readEventTime } from './event-time.ts';

const ms = (value: unknown) => {
  const reading = readEventTime(value);
  return reading.ok ? reading.ms : null;
};

describe('readEventTime', () => {
  it('reads ISO 8601 date-times with Z or a numeric offset, with or without seconds and fractions', () => {
    expect(ms('2026-12-04T10:00:00Z')).toBe(Date.UTC(2026, 11, 4, 10));
    expect(ms('2026-12-04T10:00:00.5+03:00')).toBe(Date.UTC(2026, 11, 4, 7, 0, 0, 500));
    expect(ms('2026-12-04T10:00-0130')).toBe(Date.UTC(2026, 11, 4, 11, 30));
    expect(ms('2026-12-04 10:00:00,250+05')).toBe(Date.UTC(2026, 11, 4, 5, 0, 0, 250));
  });

  it('reads epoch milliseconds and Dates', () => {
    expect(ms(1_764_842_400_000)).toBe(1_764_842_400_000);
    expect(ms(new Date(0))).toBe(0);
    expect(ms(-1)).toBe(-1);
  });

  it('refuses to guess: no offset, day-first dates, words, impossible days, bad Dates and non-finite numbers', () => {
    for (const value of [
      '04.12.2026 10:00:00',
      '2026-12-04 10:00:00',
      '2026-12-04',
      'Dec 4 2026 10:00 GMT',
      'yesterday',
      '',
      '2026-02-29T10:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-12-04T24:00:00Z',
      '2026-12-04T10:00:00+25:00',
      new Date(Number.NaN),
      Number.POSITIVE_INFINITY,
      Number.NaN,
      1e20,
      null,
      undefined,
      {},
      '1764842400000',
    ]) {
      expect(readEventTime(value).ok, String(value)).toBe(false);
    }
  });

  it('reads 29 February in a leap year', () => {
    expect(ms('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
  });
});
