import type { Clock } from '../opensearch/shared/clock.ts';

/** A clock the test moves by hand: `advance(ms)` runs the timers that fall due, in order. */
export function manualClock(start = Date.parse('2026-11-23T10:00:00Z')) {
  let now = start;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  };
  /** Moves to `time` without running timers in between, as a paused or stopped process sees it. */
  const jump = (time: number) => {
    now = time;
  };
  return { clock, advance, jump };
}
