import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeEventTime, periodsInWindow, type EventWindowOptions } from './event-window.ts';
import { INDEX_PERIODS, periodOf } from './index-period.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 10);

describe('the event window', () => {
  it('expires a record once its period ended more than delete_days ago, and keeps it until then', () => {
    const window: EventWindowOptions = { deleteDays: 730, clockSkewMs: 300_000, period: 'month' };
    // November 2024 ended 2024-12-01; 730 days later is 2026-12-01.
    expect(judgeEventTime(Date.UTC(2024, 10, 30), NOW, window)).toBe('expired');
    expect(judgeEventTime(Date.UTC(2024, 11, 1), NOW, window)).toBe('in_window');
    expect(judgeEventTime(-1, NOW, window)).toBe('expired');
    expect(judgeEventTime(NOW + 300_000, NOW, window)).toBe('in_window');
    expect(judgeEventTime(NOW + 300_001, NOW, window)).toBe('future');
  });

  it('bounds the periods of accepted event times by periodsInWindow, whatever the times', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INDEX_PERIODS),
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 0, max: 7 * DAY }),
        fc.array(fc.integer({ min: -8.64e15, max: 8.64e15 }), { minLength: 1, maxLength: 300 }),
        (period, deleteDays, clockSkewMs, times) => {
          const window = { deleteDays, clockSkewMs, period };
          const suffixes = new Set<string>();
          for (const t of [...times, NOW - deleteDays * DAY, NOW + clockSkewMs]) {
            if (judgeEventTime(t, NOW, window) === 'in_window') suffixes.add(periodOf(t, period).suffix);
          }
          expect(suffixes.size).toBeLessThanOrEqual(periodsInWindow(window));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts every period from the horizon to the skew as within the bound', () => {
    const window: EventWindowOptions = { deleteDays: 730, clockSkewMs: 300_000, period: 'day' };
    const suffixes = new Set<string>();
    for (let t = NOW - 732 * DAY; t <= NOW + 300_000; t += 3_600_000) {
      if (judgeEventTime(t, NOW, window) === 'in_window') suffixes.add(periodOf(t, 'day').suffix);
    }
    expect(suffixes.size).toBeGreaterThanOrEqual(731);
    expect(suffixes.size).toBeLessThanOrEqual(periodsInWindow(window));
  });
});
