import type { Registry } from 'prom-client';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { createAuthMetrics } from '../metrics/auth-metrics.ts';
import type { ApiTokens } from './api-tokens.ts';
import type { AuthSettings } from './auth-settings.ts';
import { createAuthenticator, type Authenticator } from './authenticator.ts';
import { createFailureLimiter } from './failure-limiter.ts';
import { createSessionStore } from './session-store.ts';
import { createSessions } from './sessions.ts';

/** The service's authentication, assembled: sessions in `<prefix>-sessions`, the failure limiter, its metrics. */
export function createAuth(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  tokens: ApiTokens;
  settings: AuthSettings;
  clock: Clock;
  registry: Registry;
  accessLog: AccessLogWriter;
}): Authenticator {
  const { settings, clock } = deps;
  const limiter = createFailureLimiter(
    { maxFailures: settings.maxFailures, windowMs: settings.windowMs, maxClients: settings.trackedClients },
    clock,
  );
  const metrics = createAuthMetrics(deps.registry, () => limiter.tracked);
  const sessions = createSessions({
    store: createSessionStore(deps.client, deps.names.sessions),
    tokens: deps.tokens,
    clock,
    limits: { idleMs: settings.sessionIdleMs, maxMs: settings.sessionMaxMs },
    metrics,
  });
  return createAuthenticator({
    tokens: deps.tokens,
    sessions,
    limiter,
    metrics,
    accessLog: deps.accessLog,
    clock,
    trustProxy: settings.trustProxy,
  });
}
