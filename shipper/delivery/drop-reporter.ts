import type { Clock } from '../../opensearch/shared/clock.ts';

/**
 * Drops are counted one by one (metrics, events) but told to a human at most once per interval:
 * a queue overflowing under load must not flood the application's own log with warnings.
 */
export function createDropReporter(deps: {
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly warn: (message: string) => void;
}) {
  let since = 0;
  let lastReport = 0;
  return {
    dropped(count: number, reason: string): void {
      since += count;
      if (deps.clock.now() - lastReport < deps.intervalMs) return;
      deps.warn(`synclog: dropped ${since} record(s) (${reason}) since the last report`);
      since = 0;
      lastReport = deps.clock.now();
    },
  };
}

export type DropReporter = ReturnType<typeof createDropReporter>;
