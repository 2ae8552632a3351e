import { vi } from 'vitest';

/**
 * Waits for a condition outside the test's control (a scrape, a manifest, a scheduler run) by
 * asking it again every `intervalMs`, and returns what it found; fails naming `what` after
 * `timeoutMs`. `false`, or a check that throws, counts as not yet.
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | false>,
  { timeoutMs = 60_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  return vi.waitFor(
    async () => {
      const found = await check().catch(() => false as const);
      if (found === false) throw new Error(`timed out waiting for ${what}`);
      return found;
    },
    { timeout: timeoutMs, interval: intervalMs },
  );
}
