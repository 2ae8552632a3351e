import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { startHeartbeat } from './run-heartbeat.ts';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('startHeartbeat', () => {
  it('beats every interval, arming the next beat only when the previous one has been written', async () => {
    const { clock, advance } = manualClock();
    let beats = 0;
    let finishWrite = () => {};
    startHeartbeat(
      clock,
      10_000,
      () => new Promise<void>((resolve) => (beats++, (finishWrite = resolve))),
      () => true,
    );
    advance(9_999);
    expect(beats).toBe(0);
    advance(1);
    expect(beats).toBe(1);
    advance(30_000); // the first write is still under way: no second beat yet
    expect(beats).toBe(1);
    finishWrite();
    await settle();
    advance(10_000);
    expect(beats).toBe(2);
  });

  it('beats no more once stopped, even when a beat was being written', async () => {
    const { clock, advance } = manualClock();
    let beats = 0;
    let finishWrite = () => {};
    const heartbeat = startHeartbeat(
      clock,
      10_000,
      () => new Promise<void>((resolve) => (beats++, (finishWrite = resolve))),
      () => true,
    );
    advance(10_000);
    heartbeat.stop();
    finishWrite();
    await settle();
    advance(60_000);
    expect(beats).toBe(1);
  });

  it('beats no more once the run is no longer alive', async () => {
    const { clock, advance } = manualClock();
    let beats = 0;
    let alive = true;
    startHeartbeat(
      clock,
      10_000,
      async () => void beats++,
      () => alive,
    );
    advance(10_000);
    await settle();
    alive = false;
    advance(10_000);
    await settle();
    advance(60_000);
    expect(beats).toBe(2);
  });
});
