import { describe, expect, it } from 'vitest';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { sameDayIndex } from './same-day-index.ts';

describe('sameDayIndex', () => {
  const names = indexNames('synclog');
  const times = [
    '2026-11-23T23:59:59.999Z',
    '2026-11-24T00:00:00.000Z',
    '2026-11-24T12:00:00.000Z',
    '2026-11-30T23:59:59.999Z',
    '2026-12-01T00:00:00.000Z',
    '2026-12-01T02:00:00.000+03:00',
    '2026-11-30T23:30:00.000Z',
    '2026-12-01T01:00:00.000+03:00',
  ];

  for (const unit of ['day', 'week', 'month'] as const) {
    it(`answers what logIndexFor answers for every time, in any order, per ${unit}`, () => {
      const cached = sameDayIndex((t) => names.logIndexFor(t, unit));
      for (const t of [...times, ...times.toReversed()]) expect(cached(t)).toBe(names.logIndexFor(t, unit));
    });
  }

  it('looks a day up once for consecutive records of that day', () => {
    let lookups = 0;
    const cached = sameDayIndex((t) => {
      lookups++;
      return names.logIndexFor(t, 'day');
    });
    for (let minute = 0; minute < 60; minute++) cached(`2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`);
    expect(lookups).toBe(1);
  });
});
