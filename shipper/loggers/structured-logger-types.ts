/** The categories application records are filed under; reports filter on them. */
export const LOG_CATEGORIES = [
  'authentication',
  'authorization',
  'business_logic',
  'database',
  'external_api',
  'performance',
  'security',
  'system',
] as const;
export type LogCategory = (typeof LOG_CATEGORIES)[number];

/**
 * What a log call may add. Ids given here override the correlation context for this record only;
 * `requestId`, `userId` and `sessionId` are stored under `details` (they are not record fields).
 */
export interface LogFields {
  readonly category?: LogCategory;
  /** Anything thrown; stored as `error_message`, `error_type`, `error_stack`. */
  readonly error?: unknown;
  readonly durationMs?: number;
  readonly requestId?: string;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly correlationId?: string;
  /** A trace id given without a span id drops the context's span id: it belongs to another trace. */
  readonly traceId?: string;
  readonly spanId?: string;
  /** Free-form; kept under `details`. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Overrides the shipper's service fields on this logger's records. */
export interface ServiceInfo {
  readonly name?: string;
  readonly environment?: string;
  readonly version?: string;
}

/** A call this service made to another one (1C's HTTP services, a mail API…). */
export interface ApiCall {
  /** The called service's name in metrics (`onec`, `mailer`). Default: the URL's host. */
  readonly service?: string;
  readonly method: string;
  /** Stored without credentials, query or fragment: those carry tokens and e-mails. */
  readonly url: string;
  /** `undefined` when no response came (timeout, refused connection). */
  readonly status?: number;
  readonly durationMs: number;
  readonly error?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface DatabaseQuery {
  /** `select`, `insert`, `upsert`… */
  readonly operation: string;
  readonly table: string;
  readonly durationMs: number;
  readonly rows?: number;
  readonly error?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * How a security-relevant attempt ended, seen from the attempt: `blocked` by a check (a bad
 * webhook signature), `failed` on its own (a wrong password), or `succeeded` (a revoked token
 * that was still accepted). The first two are logged as `warn`, the last as `critical`.
 */
export type SecurityOutcome = 'blocked' | 'failed' | 'succeeded';

export interface SecurityEvent {
  /** A stable name: `invalid_webhook_signature`, `revoked_token_used`, `export_denied`… */
  readonly event: string;
  readonly outcome: SecurityOutcome;
  readonly userId?: string;
  readonly remoteIp?: string;
  readonly resource?: string;
  readonly reason?: string;
  /** Default: by outcome. For events that are notable but not alarming even when they succeed. */
  readonly level?: 'warn' | 'error' | 'critical';
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
