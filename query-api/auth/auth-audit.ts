import type { AccessEvent } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import type { Caller } from './api-tokens.ts';
import type { RequestClient } from './client-address.ts';

/** The access log's events of authentication. */
export type AuthEvent = Extract<AccessEvent, `auth.${string}`>;

export interface AuthAttempt {
  readonly event: AuthEvent;
  /** Who, when known (a sign-in or sign-out); a failed or refused attempt is `anonymous`. */
  readonly caller?: Caller;
  readonly client: RequestClient;
  readonly method: string;
  readonly path: string;
  /** Further facts: the refusals so far in a window, the seconds until it ends. */
  readonly details?: Record<string, string | number>;
}

/**
 * Writes one authentication event to the access log, as any access: the event, who, the route,
 * and in `filters` the client's address (never the credential presented).
 */
export function writeAuthEvent(accessLog: AccessLogWriter, at: Date, attempt: AuthAttempt): Promise<void> {
  return accessLog.write({
    at: at.toISOString(),
    event: attempt.event,
    who: attempt.caller?.id ?? 'anonymous',
    role: attempt.caller?.role ?? 'none',
    method: attempt.method,
    route: attempt.path,
    filters: { client: attempt.client.address, ...attempt.details },
    row_count: 0,
  });
}
