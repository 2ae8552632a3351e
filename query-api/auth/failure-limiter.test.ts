import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from './failure-limiter.ts';

function limiter(maxClients = 100) {
  const clock = { t: 1_000_000, now: () => clock.t };
  return { clock, limiter: createFailureLimiter({ maxFailures: 3, windowMs: 60_000, maxClients }, clock) };
}

describe('the limit on failed credentials', () => {
  it('allows a client up to the limit of failures, then refuses it until its window ends', () => {
    const { clock, limiter: l } = limiter();
    for (let i = 0; i < 3; i += 1) {
      expect(l.check('10.0.0.1')).toEqual({ allowed: true });
      l.fail('10.0.0.1');
      clock.t += 1_000;
    }
    // The window opened at the first failure, 3 s ago: 57 s remain.
    expect(l.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 57, refusals: 1 });
    clock.t += 56_500;
    expect(l.check('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1, refusals: 2 });
    clock.t += 500;
    expect(l.check('10.0.0.1')).toEqual({ allowed: true });
    expect(l.tracked).toBe(0);
  });

  it('counts each client on its own', () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 3; i += 1) l.fail('10.0.0.1');
    expect(l.check('10.0.0.1').allowed).toBe(false);
    expect(l.check('10.0.0.2').allowed).toBe(true);
  });

  it('starts a fresh window after one ends, so old failures no longer count', () => {
    const { clock, limiter: l } = limiter();
    l.fail('10.0.0.1');
    l.fail('10.0.0.1');
    clock.t += 60_000;
    l.fail('10.0.0.1');
    l.fail('10.0.0.1');
    expect(l.check('10.0.0.1').allowed).toBe(true);
    l.fail('10.0.0.1');
    expect(l.check('10.0.0.1')).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
  });

  it('tracks at most maxClients, forgetting the window that opened first', () => {
    const { clock, limiter: l } = limiter(100);
    for (let i = 0; i < 3; i += 1) l.fail('first');
    for (let n = 1; n < 100; n += 1) {
      clock.t += 1;
      l.fail(`client-${n}`);
    }
    expect(l.tracked).toBe(100);
    expect(l.check('first').allowed).toBe(false);
    l.fail('one-more');
    expect(l.tracked).toBe(100);
    expect(l.check('first').allowed).toBe(true);
    for (let i = 0; i < 2; i += 1) l.fail('one-more');
    expect(l.check('one-more').allowed).toBe(false);
  });
});
