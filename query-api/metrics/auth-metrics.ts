import { Counter, Gauge, type Registry } from 'prom-client';

/** Which credential failed: the console's sign-in form or an `Authorization: Bearer` header. */
export type AuthKind = 'sign_in' | 'bearer';
/** What happened to a console session. */
export type SessionEvent = 'started' | 'ended' | 'expired' | 'idle' | 'token_removed';

export interface AuthMetrics {
  failed(kind: AuthKind): void;
  rateLimited(kind: AuthKind): void;
  session(event: SessionEvent): void;
}

/**
 * `synclog_auth_failures_total{kind}`, `synclog_auth_rate_limited_total{kind}`,
 * `synclog_auth_sessions_total{event}` and `synclog_auth_tracked_clients` (clients with a window of
 * failures open, read from `tracked` at each scrape).
 */
export function createAuthMetrics(registry: Registry, tracked: () => number): AuthMetrics {
  const failures = new Counter({
    name: 'synclog_auth_failures_total',
    help: 'Failed sign-ins and bearer tokens, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'synclog_auth_rate_limited_total',
    help: 'Sign-ins and bearer requests refused with 429 after too many failures, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const sessions = new Counter({
    name: 'synclog_auth_sessions_total',
    help: 'Console sessions started, ended by sign-out, or refused (expired, idle, token removed)',
    labelNames: ['event'],
    registers: [registry],
  });
  new Gauge({
    name: 'synclog_auth_tracked_clients',
    help: 'Clients with failed credentials counted in the current window',
    registers: [registry],
    collect() {
      this.set(tracked());
    },
  });
  for (const kind of ['sign_in', 'bearer'] as const) {
    failures.inc({ kind }, 0);
    limited.inc({ kind }, 0);
  }
  return {
    failed: (kind) => failures.inc({ kind }),
    rateLimited: (kind) => limited.inc({ kind }),
    session: (event) => sessions.inc({ event }),
  };
}
