import { describe, expect, it } from 'vitest';
import { readEventTime } from '../../opensearch/record/event-time.ts';
import { judgeEventTime } from '../../opensearch/record/event-window.ts';
import { eventTimeOutcome, type EventTimeOutcome } from './event-time-fields.ts';
import { rawText } from './raw-text.ts';
import { DEFAULT_RECORD_RULES } from './record-rules.ts';

const { window } = DEFAULT_RECORD_RULES;

/** The outcome as the strict reader alone defines it: read, judge, store as `toISOString` writes it. */
function expectedOutcome(given: unknown, now: number): EventTimeOutcome {
  const reading = readEventTime(given);
  if (!reading.ok) return { kind: 'flagged', issue: 'event_time_unreadable', raw: rawText(given) };
  const verdict = judgeEventTime(reading.ms, now, window);
  if (verdict === 'in_window') return { kind: 'stored', timestamp: new Date(reading.ms).toISOString() };
  if (verdict === 'future') return { kind: 'flagged', issue: 'event_time_future', raw: rawText(given) };
  return { kind: 'expired', raw: rawText(given) };
}

const NOW = Date.parse('2026-11-23T10:00:00.000Z');

// Times as `toISOString` writes them, around the window and at the edges of what a string can
// say (years 0–999, impossible days and hours), next to the same instants written otherwise.
const GIVEN: unknown[] = [
  '2026-11-23T10:00:00.000Z',
  '2026-11-23T10:00:00.000z',
  '2026-11-23T10:00:00Z',
  '2026-11-23T13:00:00.000+03:00',
  ' 2026-11-23T10:00:00.000Z',
  '2026-11-23 10:00:00.000Z',
  '2026-11-23T10:04:59.999Z',
  '2026-11-23T10:05:00.001Z',
  '2024-11-23T10:00:00.000Z',
  '2024-02-29T00:00:00.000Z',
  '2026-02-29T00:00:00.000Z',
  '2026-02-30T00:00:00.000Z',
  '2026-04-31T00:00:00.000Z',
  '2026-11-23T24:00:00.000Z',
  '2026-11-23T23:60:00.000Z',
  '2026-13-01T00:00:00.000Z',
  '0050-01-01T00:00:00.000Z',
  '0999-12-31T23:59:59.999Z',
  '1000-01-01T00:00:00.000Z',
  '1970-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '+010000-01-01T00:00:00.000Z',
  'not a time, 24 chars....',
  NOW,
  new Date(NOW - 1_000),
  undefined,
];
for (let day = -800; day <= 2; day += 7) GIVEN.push(new Date(NOW + day * 86_400_000 + day * 1_234).toISOString());

describe('eventTimeOutcome', () => {
  it('gives what reading strictly, judging and formatting give, for times as toISOString writes them and others', () => {
    for (const given of GIVEN) {
      // Twice: the second call may be answered from the last time read.
      expect(eventTimeOutcome(given, NOW, window), String(given)).toEqual(expectedOutcome(given, NOW));
      expect(eventTimeOutcome(given, NOW, window), String(given)).toEqual(expectedOutcome(given, NOW));
    }
  });

  it('stores a time as toISOString writes it as that same string', () => {
    const given = '2026-11-20T08:15:30.250Z';
    expect(eventTimeOutcome(given, NOW, window)).toEqual({ kind: 'stored', timestamp: given });
  });
});
