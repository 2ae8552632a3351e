/**
 * Exponential backoff with full jitter (a random delay between 0 and the exponential cap), so
 * many producers recovering at once do not retry in lockstep. A server's `Retry-After` wins.
 */
export function backoffDelay(
  attempt: number,
  options: { initialBackoffMs: number; maxBackoffMs: number },
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return Math.min(retryAfterMs, options.maxBackoffMs);
  const cap = Math.min(options.maxBackoffMs, options.initialBackoffMs * 2 ** Math.min(attempt, 30));
  return Math.max(1, Math.round(random() * cap));
}

/** Reads `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(header: unknown, now: number): number | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
