import type { Context } from 'hono';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import type { AuthKind, AuthMetrics } from '../metrics/auth-metrics.ts';
import type { ApiTokens, Caller } from './api-tokens.ts';
import { writeAuthEvent, type AuthAttempt } from './auth-audit.ts';
import { requestClient, type RequestClient } from './client-address.ts';
import type { FailureLimiter } from './failure-limiter.ts';
import type { Sessions } from './sessions.ts';

/** Everything that decides who a request is: tokens, console sessions, the limit on failures. */
export interface Authenticator {
  readonly tokens: ApiTokens;
  readonly sessions: Sessions;
  clientOf(c: Context): RequestClient;
  /**
   * `null` while the client may present a credential; once it is over its limit of failures, the
   * seconds until it may try again (the refusal is counted, and audited as described below).
   */
  refused(c: Context, client: RequestClient, kind: AuthKind): Promise<{ retryAfterSeconds: number } | null>;
  /** Counts, audits and remembers a failed sign-in or bearer token. */
  failed(c: Context, client: RequestClient, kind: AuthKind): Promise<void>;
  /** Audits a sign-in or sign-out; rejects when it cannot be recorded. */
  audit(c: Context, event: 'auth.sign_in' | 'auth.sign_out', caller: Caller, client: RequestClient): Promise<void>;
}

/** A refusal is audited the 1st, 2nd, 4th, 8th… time in a window: a flood cannot flood the access log. */
const auditedRefusal = (n: number) => (n & (n - 1)) === 0;

export function createAuthenticator(deps: {
  tokens: ApiTokens;
  sessions: Sessions;
  limiter: FailureLimiter;
  metrics: AuthMetrics;
  accessLog: AccessLogWriter;
  clock: Clock;
  trustProxy: boolean;
}): Authenticator {
  const { limiter, metrics } = deps;
  const write = (c: Context, attempt: Omit<AuthAttempt, 'method' | 'path'>) =>
    writeAuthEvent(deps.accessLog, new Date(deps.clock.now()), { ...attempt, method: c.req.method, path: c.req.path });
  return {
    tokens: deps.tokens,
    sessions: deps.sessions,
    clientOf: (c) => requestClient(c, deps.trustProxy),
    async refused(c, client, kind) {
      const verdict = limiter.check(client.address);
      if (verdict.allowed) return null;
      metrics.rateLimited(kind);
      if (auditedRefusal(verdict.refusals)) {
        const details = { kind, refusals: verdict.refusals, retry_after_seconds: verdict.retryAfterSeconds };
        // A write that fails must not turn a refusal into anything else.
        await write(c, { event: 'auth.rate_limited', client, details }).catch(() => {});
      }
      return { retryAfterSeconds: verdict.retryAfterSeconds };
    },
    async failed(c, client, kind) {
      limiter.fail(client.address);
      metrics.failed(kind);
      const event = kind === 'sign_in' ? 'auth.sign_in_failed' : 'auth.bearer_failed';
      await write(c, { event, client }).catch(() => {});
    },
    audit: (c, event, caller, client) => write(c, { event, caller, client }),
  };
}
