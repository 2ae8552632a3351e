import { describe, expect, it } from 'vitest';
import { apiTokens, tokenFingerprint } from './api-tokens.ts';
import type { StoredSession } from './session-store.ts';
import { sessionVerdict, touchEveryMs } from './session-verdict.ts';

const TOKEN = 'viewer-token-0123456789';
const tokens = apiTokens([{ role: 'viewer', token: TOKEN }]);
const limits = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };
const T0 = Date.parse('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();
const session = (over: Partial<StoredSession> = {}): StoredSession => ({
  role: 'viewer',
  token_fingerprint: tokenFingerprint(TOKEN),
  who: 'viewer#x',
  client: '10.0.0.1',
  created_at: at(T0),
  last_seen_at: at(T0),
  expires_at: at(T0 + limits.maxMs),
  ...over,
});

describe('whether a stored session still opens the console', () => {
  it('accepts a session within its limits whose token is still configured with its role', () => {
    expect(sessionVerdict(session(), T0 + 1_000, limits, tokens)).toEqual({
      valid: true,
      role: 'viewer',
      touch: false,
    });
  });

  it('asks for its last use to be written once a tenth of the idle limit (at most a minute) has passed', () => {
    expect(touchEveryMs(limits.idleMs)).toBe(60_000);
    expect(touchEveryMs(5 * 60_000)).toBe(30_000);
    expect(sessionVerdict(session(), T0 + 59_999, limits, tokens)).toMatchObject({ touch: false });
    expect(sessionVerdict(session(), T0 + 60_000, limits, tokens)).toMatchObject({ touch: true });
  });

  it('refuses a session unused for the idle limit', () => {
    const used = session({ last_seen_at: at(T0 + 3_600_000) });
    expect(sessionVerdict(used, T0 + 3_600_000 + limits.idleMs - 1, limits, tokens).valid).toBe(true);
    expect(sessionVerdict(used, T0 + 3_600_000 + limits.idleMs, limits, tokens)).toEqual({
      valid: false,
      reason: 'idle',
    });
  });

  it('refuses a session at its absolute limit however recently used, and when the limit was lowered since', () => {
    const busy = session({ last_seen_at: at(T0 + limits.maxMs - 1_000) });
    expect(sessionVerdict(busy, T0 + limits.maxMs, limits, tokens)).toEqual({ valid: false, reason: 'expired' });
    const lowered = { ...limits, maxMs: 3_600_000 };
    expect(sessionVerdict(session({ last_seen_at: at(T0 + 3_599_000) }), T0 + 3_600_000, lowered, tokens)).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('refuses a session whose token was removed, or now carries another role', () => {
    const without = apiTokens([{ role: 'viewer', token: 'another-token-0123456789' }]);
    expect(sessionVerdict(session(), T0 + 1_000, limits, without)).toEqual({ valid: false, reason: 'token_removed' });
    const demoted = apiTokens([{ role: 'analyst', token: TOKEN }]);
    expect(sessionVerdict(session(), T0 + 1_000, limits, demoted)).toEqual({ valid: false, reason: 'token_removed' });
    expect(sessionVerdict(session({ token_fingerprint: 'not-hex' }), T0, limits, tokens)).toMatchObject({
      valid: false,
    });
  });
});
