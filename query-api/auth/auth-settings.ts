import { z } from 'zod';
import { envBoolean, envInt } from '../../opensearch/config/parse-env.ts';

/** Console sessions, the proxy in front and the limit on failed sign-ins and bearer tokens. */
export const authSettingsSchema = z.object({
  /** Default 30: a console session unused this many minutes is refused. */
  SYNCLOG_SESSION_IDLE_MINUTES: envInt(1, 10_080).default(30),
  /** Default 12: a console session ends this many hours after sign-in, however busy. */
  SYNCLOG_SESSION_MAX_HOURS: envInt(1, 720).default(12),
  /**
   * Default false. true: a proxy in front of the service sets `X-Forwarded-For` (its rightmost
   * address is the client) and `X-Forwarded-Proto` (`https` marks the session cookie Secure).
   */
  SYNCLOG_TRUST_PROXY: envBoolean.default(false),
  /** Default 10: failed sign-ins and bearer tokens a client may send per window before 429. */
  SYNCLOG_AUTH_MAX_FAILURES: envInt(1, 10_000).default(10),
  /** Default 300: the window, counted from a client's first failure, in seconds. */
  SYNCLOG_AUTH_WINDOW_SECONDS: envInt(1, 86_400).default(300),
  /** Default 10000: clients tracked at once; beyond it the oldest window is forgotten. */
  SYNCLOG_AUTH_TRACKED_CLIENTS: envInt(100, 1_000_000).default(10_000),
});

export interface AuthSettings {
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  readonly trustProxy: boolean;
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly trackedClients: number;
}

/** The settings in the units the code uses. */
export function authSettingsOf(env: z.infer<typeof authSettingsSchema>): AuthSettings {
  return {
    sessionIdleMs: env.SYNCLOG_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: env.SYNCLOG_SESSION_MAX_HOURS * 3_600_000,
    trustProxy: env.SYNCLOG_TRUST_PROXY,
    maxFailures: env.SYNCLOG_AUTH_MAX_FAILURES,
    windowMs: env.SYNCLOG_AUTH_WINDOW_SECONDS * 1_000,
    trackedClients: env.SYNCLOG_AUTH_TRACKED_CLIENTS,
  };
}

/** Every default, as an empty environment gives them. */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = authSettingsOf(authSettingsSchema.parse({}));
