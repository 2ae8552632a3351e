/** What the limiter says about a client about to present a credential. */
export type LimitVerdict =
  | { readonly allowed: true }
  /** Over the limit: `retryAfterSeconds` until its window ends; `refusals` so far in this window. */
  | { readonly allowed: false; readonly retryAfterSeconds: number; readonly refusals: number };

export interface FailureLimiter {
  /** Whether `client` may try now; a refusal is counted against its window. */
  check(client: string): LimitVerdict;
  /** Counts a failed sign-in or bearer token of `client`. */
  fail(client: string): void;
  /** Clients with a window open. */
  readonly tracked: number;
}

export interface FailureLimits {
  /** Failures a client may make in one window; the next attempt is refused. */
  readonly maxFailures: number;
  /** The window's length, from the client's first failure in it. */
  readonly windowMs: number;
  /** Clients tracked at once; a new one beyond it makes the oldest window be forgotten. */
  readonly maxClients: number;
}

interface Window {
  readonly startedAt: number;
  failures: number;
  refusals: number;
}

/**
 * Failed credentials per client in fixed windows that open at the client's first failure. Once a
 * client has `maxFailures` failures, every attempt is refused until its window ends, whether the
 * credential is right or not (a refusal that depended on it would still answer the guess).
 * Memory is bounded: windows are kept in the order they opened, so the oldest (the first to end)
 * is dropped when `maxClients` is reached.
 */
export function createFailureLimiter(limits: FailureLimits, clock: { now(): number }): FailureLimiter {
  const windows = new Map<string, Window>();
  const current = (client: string, now: number): Window | undefined => {
    const window = windows.get(client);
    if (window && now - window.startedAt >= limits.windowMs) {
      windows.delete(client);
      return undefined;
    }
    return window;
  };
  const makeRoom = () => {
    for (const client of windows.keys()) {
      if (windows.size < limits.maxClients) return;
      windows.delete(client);
    }
  };
  return {
    check(client) {
      const now = clock.now();
      const window = current(client, now);
      if (!window || window.failures < limits.maxFailures) return { allowed: true };
      window.refusals += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + limits.windowMs - now) / 1_000));
      return { allowed: false, retryAfterSeconds, refusals: window.refusals };
    },
    fail(client) {
      const now = clock.now();
      const window = current(client, now);
      if (window) window.failures += 1;
      else {
        makeRoom();
        windows.set(client, { startedAt: now, failures: 1, refusals: 0 });
      }
    },
    get tracked() {
      return windows.size;
    },
  };
}
