import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { createOutageMonitor } from './outage-monitor.ts';

function setup() {
  const { clock, advance } = manualClock();
  const state = { up: false, probes: [] as number[], recovered: 0 };
  const monitor = createOutageMonitor({
    clock,
    random: () => 1, // the longest delay each time, so the intervals are exact
    maxProbeIntervalMs: 5_000,
    probe: async () => {
      state.probes.push(clock.now());
      return state.up ? { up: true } : { up: false, reason: 'down' };
    },
    onOutage: () => {},
    onRecovered: () => state.recovered++,
    isClosing: () => false,
  });
  const step = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      advance(100);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { monitor, state, step, now: () => clock.now() };
}

describe('outage monitor', () => {
  it('probes at growing intervals up to maxProbeIntervalMs while the cluster is down', async () => {
    const { monitor, state, step, now } = setup();
    const started = now();
    monitor.start('refused');
    await step(20_000);
    expect(state.probes.map((at) => at - started).slice(0, 6)).toEqual([500, 1_500, 3_500, 7_500, 12_500, 17_500]);
    expect(monitor.active).toBe(true);
  });

  it('keeps the grown interval when an outage starts again soon after a recovery, and starts afresh a while later', async () => {
    const { monitor, state, step, now } = setup();
    monitor.start('refused');
    await step(8_000);
    state.up = true;
    await step(5_000);
    expect(state.recovered).toBe(1);
    state.up = false;
    state.probes.length = 0;
    let started = now();
    monitor.start('again');
    await step(6_000);
    expect(state.probes[0]! - started).toBe(5_000);

    state.up = true;
    await step(5_000);
    expect(state.recovered).toBe(2);
    await step(61_000);
    state.up = false;
    state.probes.length = 0;
    started = now();
    monitor.start('much later');
    await step(1_000);
    expect(state.probes[0]! - started).toBe(500);
  });
});
