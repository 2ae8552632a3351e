import { describe, expect, it } from 'vitest';
import { periodOf } from '../record/index-period.ts';
import { outsideWindow } from './ensure-log-index.ts';

const DAY_MS = 86_400_000;
const window = { deleteDays: 30, clockSkewMs: 300_000, period: 'month' } as const;
const now = Date.parse('2025-06-15T12:00:00Z');

describe('the event window of log index creation', () => {
  it('lets the current period and a kept past period through', () => {
    expect(outsideWindow('logs-2025.06', periodOf(now, 'month'), now, window)).toBeUndefined();
    expect(outsideWindow('logs-2025.05', periodOf('2025-05-10T00:00:00Z', 'month'), now, window)).toBeUndefined();
  });

  it('refuses a period whose delete horizon has passed as an expired event time', () => {
    // April ended on 2025-05-01; 30 days later (2025-05-31) it was deleted.
    const april = periodOf('2025-04-10T00:00:00Z', 'month');
    expect(april.end.getTime() + 30 * DAY_MS).toBeLessThanOrEqual(now);
    expect(outsideWindow('logs-2025.04', april, now, window)).toEqual({
      ok: false,
      kind: 'refused',
      code: 'event_time_expired',
      reason: 'logs-2025.04 holds a period past the 30-day delete horizon',
    });
  });

  it('refuses a period that begins later than the clock skew allows', () => {
    const july = periodOf('2025-07-02T00:00:00Z', 'month');
    expect(outsideWindow('logs-2025.07', july, now, window)).toEqual({
      ok: false,
      kind: 'refused',
      code: 'index_refused',
      reason: 'logs-2025.07 holds a period that has not begun',
    });
  });

  it('lets a period through that begins within the clock skew', () => {
    const july = periodOf('2025-07-01T00:00:00Z', 'month');
    const justBefore = july.start.getTime() - window.clockSkewMs + 1;
    expect(outsideWindow('logs-2025.07', july, justBefore, window)).toBeUndefined();
  });
});
