import type { Clock } from '../../opensearch/shared/clock.ts';
import type { AuthMetrics } from '../metrics/auth-metrics.ts';
import { callerOfFingerprint, tokenFingerprint, type ApiTokens, type Caller, type Role } from './api-tokens.ts';
import { newSessionId, sessionKeyOf } from './session-cookie.ts';
import type { SessionStore, StoredSession } from './session-store.ts';
import { sessionVerdict, type SessionLimits } from './session-verdict.ts';

/** A session that opens the console: its role and whom the access log names. */
export interface OpenSession {
  readonly role: Role;
  readonly caller: Caller;
}

export interface Sessions {
  /** Opens a session for a known token; resolves with its id (for the cookie) and lifetime. */
  start(role: Role, token: string, client: string): Promise<{ id: string; maxAgeSeconds: number }>;
  /** The session a cookie names while it is good; a session past its limits is deleted. */
  resolve(id: string): Promise<OpenSession | null>;
  /** Ends a session (signing out); false when it was already gone. */
  end(id: string): Promise<boolean>;
}

/** Sessions past their limits are deleted in bulk at most this often, on a sign-in. */
const PURGE_EVERY_MS = 3_600_000;

/**
 * Console sessions kept server-side: the cookie holds only a random id. Every use reads the
 * session, so ending it (sign-out, a limit, its token removed from the configuration) holds at
 * once on every instance.
 */
export function createSessions(deps: {
  store: SessionStore;
  tokens: ApiTokens;
  clock: Clock;
  limits: SessionLimits;
  metrics: AuthMetrics;
}): Sessions {
  const { store, tokens, clock, limits, metrics } = deps;
  let lastPurge = Number.NEGATIVE_INFINITY;
  const purgeNow = (now: number) => {
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    // Nothing waits for it: a failed purge is retried on a later sign-in, and refusal never depends on it.
    const iso = (ms: number) => new Date(ms).toISOString();
    store.purge(iso(now), iso(now - limits.idleMs)).catch(() => {});
  };
  return {
    async start(role, token, client) {
      const id = newSessionId();
      const now = clock.now();
      const fingerprint = tokenFingerprint(token);
      const session: StoredSession = {
        role,
        token_fingerprint: fingerprint,
        who: callerOfFingerprint(role, fingerprint).id,
        client,
        created_at: new Date(now).toISOString(),
        last_seen_at: new Date(now).toISOString(),
        expires_at: new Date(now + limits.maxMs).toISOString(),
      };
      await store.create(sessionKeyOf(id), session);
      metrics.session('started');
      purgeNow(now);
      return { id, maxAgeSeconds: Math.floor(limits.maxMs / 1_000) };
    },
    async resolve(id) {
      const key = sessionKeyOf(id);
      const session = await store.get(key);
      if (!session) return null;
      const now = clock.now();
      const verdict = sessionVerdict(session, now, limits, tokens);
      if (!verdict.valid) {
        metrics.session(verdict.reason);
        await store.remove(key);
        return null;
      }
      if (verdict.touch) await store.touch(key, new Date(now).toISOString());
      return { role: verdict.role, caller: callerOfFingerprint(verdict.role, session.token_fingerprint) };
    },
    async end(id) {
      const ended = await store.remove(sessionKeyOf(id));
      if (ended) metrics.session('ended');
      return ended;
    },
  };
}
