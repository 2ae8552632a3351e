import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { createCloser } from './closer.ts';
import type { FlushReport } from './flush-epochs.ts';

const REPORT: FlushReport = { delivered: 3, spooled: 0, deadLettered: 0, dropped: 0 };

function setup(options: { outage?: boolean; left?: number } = {}) {
  const { clock, advance } = manualClock();
  const calls: string[] = [];
  let finishFlush!: (report: FlushReport) => void;
  const closer = createCloser({
    clock,
    flush() {
      calls.push('flush');
      return new Promise((resolve) => (finishFlush = resolve));
    },
    beginClosing: () => calls.push('closing'),
    abandonQueue() {
      calls.push('abandon');
      finishFlush({ ...REPORT, spooled: options.left ?? 0 });
      return options.left ?? 0;
    },
    drainSpool: async (timeoutMs) => void calls.push(`drain ${timeoutMs}`),
    isOutage: () => options.outage ?? false,
    release: async () => void calls.push('release'),
  });
  return { closer, calls, advance, finish: (report = REPORT) => finishFlush(report) };
}

describe('close', () => {
  it('flushes, drains the spool within the same timeout, releases, and answers every later call with the same report', async () => {
    const { closer, calls, finish } = setup();
    const first = closer.close({ timeoutMs: 2_000 });
    expect(closer.closed).toBe(true);
    finish();
    const second = closer.close();
    expect(second).toBe(first);
    expect(await first).toEqual({ ...REPORT, undelivered: 0 });
    expect(calls).toEqual(['flush', 'closing', 'drain 2000', 'release']);
  });

  it('sets aside what is still queued when the timeout passes, reports what no spool took, and does not drain', async () => {
    const { closer, calls, advance } = setup({ left: 4 });
    const closing = closer.close({ timeoutMs: 1_000 });
    advance(999);
    await Promise.resolve();
    expect(calls).toEqual(['flush']);
    advance(1);
    expect(await closing).toEqual({ ...REPORT, spooled: 4, undelivered: 4 });
    expect(calls).toEqual(['flush', 'closing', 'abandon', 'release']);
  });

  it('does not drain the spool during an outage', async () => {
    const { closer, calls, finish } = setup({ outage: true });
    const closing = closer.close();
    finish();
    await closing;
    expect(calls).toEqual(['flush', 'closing', 'release']);
  });
});
