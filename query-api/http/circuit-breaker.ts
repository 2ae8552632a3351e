import { createMiddleware } from 'hono/factory';
import type { Clock } from '../../opensearch/shared/clock.ts';

export interface CircuitBreaker {
  /** false while open: answer 503 at once instead of waiting on a cluster that is down. */
  allow(): boolean;
  succeeded(): void;
  failed(): void;
  /** An answer that says nothing about the cluster (a refused token, a bad parameter). */
  neutral(): void;
  readonly state: () => 'closed' | 'open' | 'half-open';
}

/**
 * Opens after `failures` OpenSearch failures in a row; after `coolDownMs` lets one request try
 * (half-open): its success closes the breaker, its failure opens it again. So a dead cluster costs
 * callers no waiting, and the service recovers by itself when the cluster is back.
 */
export function createCircuitBreaker(options: {
  failures: number;
  coolDownMs: number;
  clock: Pick<Clock, 'now'>;
}): CircuitBreaker {
  let consecutive = 0;
  let openedAt: number | null = null;
  let trial = false;
  const state = () =>
    openedAt === null ? 'closed' : options.clock.now() - openedAt >= options.coolDownMs ? 'half-open' : 'open';
  return {
    allow() {
      const now = state();
      if (now === 'closed') return true;
      if (now === 'half-open' && !trial) {
        trial = true;
        return true;
      }
      return false;
    },
    succeeded() {
      consecutive = 0;
      openedAt = null;
      trial = false;
    },
    neutral() {
      trial = false;
    },
    failed() {
      consecutive++;
      trial = false;
      if (openedAt !== null || consecutive >= options.failures) openedAt = options.clock.now();
    },
    state,
  };
}

/** Applies the breaker to the routes behind it: a 503 counts as a failure, a 2xx/404 as a success, other answers as neither. */
export function circuitBreakerMiddleware(breaker: CircuitBreaker) {
  return createMiddleware(async (c, next) => {
    if (!breaker.allow()) {
      c.header('Retry-After', '5');
      return c.json(
        {
          error: 'unavailable',
          message: 'OpenSearch is unreachable; requests are refused for a few seconds before the next try',
        },
        503,
      );
    }
    await next();
    const status = c.res.status;
    if (status === 503) breaker.failed();
    else if (status < 300 || status === 404) breaker.succeeded();
    else breaker.neutral();
  });
}
