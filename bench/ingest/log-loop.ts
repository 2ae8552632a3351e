import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LogLoopOptions {
  /** Records per event-loop turn when logging as fast as possible. */
  readonly chunk: number;
  /** `performance.now()` past which no more records are logged. */
  readonly deadline: number;
  /** Records per second for a steady application; absent: as fast as possible (a burst). */
  readonly ratePerSecond?: number | undefined;
  readonly note: (text: string) => void;
}

/**
 * Calls `log(i)` for every record, like a busy application (`chunk` calls per event-loop turn, so
 * I/O runs between chunks) or, given a rate, like a steady one (every 10 ms, the calls that are
 * due). Resolves with the number of records logged before the deadline.
 */
export async function logRecords(log: (i: number) => void, count: number, options: LogLoopOptions): Promise<number> {
  const { chunk, deadline, ratePerSecond, note } = options;
  const started = performance.now();
  let i = 0;
  while (i < count) {
    const due = ratePerSecond
      ? Math.min(count, Math.floor(((performance.now() - started) / 1000) * ratePerSecond))
      : Math.min(count, i + chunk);
    for (; i < due; i++) log(i);
    if (ratePerSecond) await sleep(10);
    else await new Promise((resolve) => setImmediate(resolve));
    if (i < count && performance.now() > deadline) {
      note(`the time limit passed while logging: ${i} of ${count} records logged`);
      break;
    }
  }
  return i;
}
