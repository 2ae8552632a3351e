import type { Clock } from '../../opensearch/shared/clock.ts';
import type { FlushReport } from './flush-epochs.ts';
import { keepAlive } from './keep-alive.ts';

export interface CloseReport extends FlushReport {
  /** Records still in memory when the timeout passed and no spool could take them. */
  undelivered: number;
}

export interface CloserDeps {
  readonly clock: Clock;
  readonly flush: () => Promise<FlushReport>;
  /** From now on a failing batch is set aside at once, and no new replay starts. */
  readonly beginClosing: () => void;
  /** The timeout passed: sets aside what is still queued; answers how many of those were lost (no spool). */
  readonly abandonQueue: () => number;
  /** Delivers what overflowed to the spool while the cluster was up, within the time given. */
  readonly drainSpool: (timeoutMs: number) => Promise<void>;
  readonly isOutage: () => boolean;
  /** Timers, pending dead letters, spool files. */
  readonly release: () => Promise<void>;
}

/** Default time `close()` gives delivery before it spools the rest. */
export const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Close, once: flush within the timeout, spool what is left, deliver what waits on disk if there
 * is time and the cluster is up, then let go of timers and files. Every later call gets the same report.
 */
export function createCloser(deps: CloserDeps) {
  let closed: Promise<CloseReport> | null = null;

  async function closeOnce(timeoutMs: number): Promise<CloseReport> {
    const flushed = deps.flush();
    const timeout = new Promise<'timeout'>((resolve) => deps.clock.setTimeout(() => resolve('timeout'), timeoutMs));
    const first = await keepAlive(Promise.race([flushed, timeout]));
    deps.beginClosing();
    let undelivered = 0;
    let report: FlushReport;
    if (first === 'timeout') {
      undelivered = deps.abandonQueue();
      report = await keepAlive(flushed);
    } else {
      report = first;
      // What overflowed to disk while the cluster was up is delivered now, within the same timeout.
      if (!deps.isOutage()) await keepAlive(deps.drainSpool(timeoutMs));
    }
    await deps.release();
    return { ...report, undelivered };
  }

  return {
    /** True from the first `close()` call on. */
    get closed(): boolean {
      return closed !== null;
    },
    close(options: { timeoutMs?: number } = {}): Promise<CloseReport> {
      closed ??= closeOnce(options.timeoutMs ?? CLOSE_TIMEOUT_MS);
      return closed;
    },
  };
}

export type Closer = ReturnType<typeof createCloser>;
