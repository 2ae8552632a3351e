import { describe, expect, it } from 'vitest';
import { cronProblem, latestFires, nextFire } from './cron-periods.ts';

describe('cron periods', () => {
  it('lists the last fire times oldest first, including one at exactly now', () => {
    const fires = latestFires('0 * * * *', 'UTC', new Date('2026-11-29T10:00:00.000Z'), 3);
    expect(fires.map((d) => d.toISOString())).toEqual([
      '2026-11-29T08:00:00.000Z',
      '2026-11-29T09:00:00.000Z',
      '2026-11-29T10:00:00.000Z',
    ]);
  });

  it('reads daily schedules in the configured time zone', () => {
    const [fire] = latestFires('0 6 * * *', 'Europe/Moscow', new Date('2026-11-29T10:00:00Z'), 1);
    expect(fire?.toISOString()).toBe('2026-11-29T03:00:00.000Z');
    expect(nextFire('0 6 * * *', 'Europe/Moscow', new Date('2026-11-29T10:00:00Z')).toISOString()).toBe(
      '2026-11-30T03:00:00.000Z',
    );
  });

  it('supports six-field expressions with seconds', () => {
    const fires = latestFires('*/2 * * * * *', 'UTC', new Date('2026-11-29T10:00:05.300Z'), 2);
    expect(fires.map((d) => d.toISOString())).toEqual(['2026-11-29T10:00:02.000Z', '2026-11-29T10:00:04.000Z']);
  });

  it('names what is wrong with an unusable expression or time zone', () => {
    expect(cronProblem('0 6 * * *', 'UTC')).toBeNull();
    expect(cronProblem('61 * * * *', 'UTC')).toMatch(/not a valid cron expression/);
    expect(cronProblem('0 6 * * *', 'Mars/Olympus')).toMatch(/Mars\/Olympus/);
  });
});
