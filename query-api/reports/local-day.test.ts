import { describe, expect, it } from 'vitest';
import { isTimeZone, localDayBounds } from './local-day.ts';

describe('local day bounds', () => {
  it('cuts a day at local midnight in the report time zone', () => {
    expect(localDayBounds('2026-11-23', 'UTC')).toEqual({
      from: new Date('2026-11-23T00:00:00Z'),
      to: new Date('2026-11-24T00:00:00Z'),
    });
    expect(localDayBounds('2026-11-23', 'Europe/Moscow')).toEqual({
      from: new Date('2026-11-22T21:00:00Z'),
      to: new Date('2026-11-23T21:00:00Z'),
    });
    expect(localDayBounds('2026-12-31', 'Asia/Vladivostok')).toEqual({
      from: new Date('2026-12-30T14:00:00Z'),
      to: new Date('2026-12-31T14:00:00Z'),
    });
  });

  it('gives days of 23 and 25 hours where clocks change', () => {
    const spring = localDayBounds('2026-03-29', 'Europe/Berlin');
    expect(spring.from.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
    const autumn = localDayBounds('2026-10-25', 'Europe/Berlin');
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(25);
  });

  it('knows real time zones from made-up ones', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
