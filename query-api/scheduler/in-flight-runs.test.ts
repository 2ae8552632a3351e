import { describe, expect, it } from 'vitest';
import { createInFlightRuns } from './in-flight-runs.ts';

describe('in-flight runs', () => {
  it('settle only when every tracked run has ended, a failed one included', async () => {
    const inFlight = createInFlightRuns();
    let finish = () => {};
    void inFlight.track(new Promise<void>((resolve) => (finish = resolve)));
    inFlight.track(Promise.reject(new Error('handler failed'))).catch(() => {});
    let settled = false;
    const waiting = inFlight.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish();
    await waiting;
    expect(settled).toBe(true);
  });
});
