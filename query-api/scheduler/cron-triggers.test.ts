import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { createCronTriggers } from './cron-triggers.ts';
import type { ResolvedJob } from './scheduled-job.ts';

const settle = () => new Promise((resolve) => setImmediate(resolve));
// Once a year: node-cron schedules it, but it never fires during a test.
const yearly: ResolvedJob = {
  ...{ name: 'yearly', cron: '0 0 1 1 *', timezone: 'UTC', enabled: true, catchUp: 1, maxAttempts: 3 },
  handler: () => {},
};

function setUp() {
  const { clock, advance } = manualClock();
  const stopping = new AbortController();
  let ticks = 0;
  const triggers = createCronTriggers({
    ...{ jobs: [yearly], clock, everyMs: 10_000, stopped: stopping.signal, log: () => {} },
    tick: async () => void ticks++,
  });
  return { triggers, advance, stopping, ticks: () => ticks };
}

describe('the cron triggers', () => {
  it('tick at start and then every interval after the previous timer tick', async () => {
    const { triggers, advance, stopping, ticks } = setUp();
    triggers.start();
    expect(ticks()).toBe(1);
    advance(10_000);
    await settle();
    advance(10_000);
    await settle();
    expect(ticks()).toBe(3);
    stopping.abort();
    await triggers.stop();
  });

  it('start twice fires as once', async () => {
    const { triggers, advance, stopping, ticks } = setUp();
    triggers.start();
    triggers.start();
    advance(10_000);
    await settle();
    expect(ticks()).toBe(2);
    stopping.abort();
    await triggers.stop();
  });

  it('fire no more once stopped, even when a timer tick was under way', async () => {
    const { triggers, advance, stopping, ticks } = setUp();
    triggers.start();
    advance(10_000);
    stopping.abort();
    await triggers.stop();
    await settle();
    advance(60_000);
    await settle();
    expect(ticks()).toBe(2);
    triggers.start();
    expect(ticks()).toBe(2);
  });
});
