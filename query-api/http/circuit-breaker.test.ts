import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.ts';

describe('the circuit breaker', () => {
  it('opens after the failures in a row, lets one trial through after the cool-down, and closes when it succeeds', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failures: 3, coolDownMs: 5_000, clock: { now: () => now } });
    for (let i = 0; i < 2; i++) {
      expect(breaker.allow()).toBe(true);
      breaker.failed();
    }
    expect(breaker.state()).toBe('closed');
    breaker.failed();
    expect(breaker.state()).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 5_000;
    expect(breaker.allow()).toBe(true); // the one trial
    expect(breaker.allow()).toBe(false);
    breaker.succeeded();
    expect(breaker.state()).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });

  it('opens again at once when the trial fails, and a success in between resets the count', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failures: 2, coolDownMs: 1_000, clock: { now: () => now } });
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    expect(breaker.state()).toBe('closed');
    breaker.failed();
    expect(breaker.state()).toBe('open');
    now = 1_000;
    expect(breaker.allow()).toBe(true);
    breaker.failed();
    expect(breaker.state()).toBe('open');
    now = 1_999;
    expect(breaker.allow()).toBe(false);
    now = 2_000;
    expect(breaker.allow()).toBe(true);
  });
});
