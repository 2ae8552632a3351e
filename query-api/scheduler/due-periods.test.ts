import { describe, expect, it } from 'vitest';
import { duePeriods } from './due-periods.ts';

const hourly = { cron: '0 * * * *', timezone: 'UTC', catchUp: 3 };
const at = (iso: string) => Date.parse(iso);
const shown = (periods: ReturnType<typeof duePeriods>) => periods.map((p) => `${p.period.toISOString()} ${p.trigger}`);

describe('duePeriods', () => {
  it('gives the newest fire time as the scheduled run and the older ones as catch-up, oldest first', () => {
    expect(shown(duePeriods(hourly, at('2026-11-23T13:30:00Z'), 0))).toEqual([
      '2026-11-23T11:00:00.000Z catch-up',
      '2026-11-23T12:00:00.000Z catch-up',
      '2026-11-23T13:00:00.000Z schedule',
    ]);
  });

  it('counts a fire at exactly now as due', () => {
    expect(shown(duePeriods({ ...hourly, catchUp: 1 }, at('2026-11-23T13:00:00Z'), 0))).toEqual([
      '2026-11-23T13:00:00.000Z schedule',
    ]);
  });

  it('leaves out periods from before the job was first seen, so the newest left is the scheduled one', () => {
    expect(shown(duePeriods(hourly, at('2026-11-23T13:30:00Z'), at('2026-11-23T11:40:00Z')))).toEqual([
      '2026-11-23T12:00:00.000Z catch-up',
      '2026-11-23T13:00:00.000Z schedule',
    ]);
  });

  it('owes nothing when the job is younger than its latest period', () => {
    expect(duePeriods(hourly, at('2026-11-23T13:30:00Z'), at('2026-11-23T13:10:00Z'))).toEqual([]);
  });
});
