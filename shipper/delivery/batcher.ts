import type { Clock } from '../../opensearch/shared/clock.ts';
import type { BatchLimits, BoundedQueue } from './bounded-queue.ts';
import type { BulkEntry } from './bulk-entry.ts';

export interface BatcherDeps {
  readonly clock: Clock;
  readonly queue: BoundedQueue<BulkEntry>;
  readonly limits: BatchLimits;
  /** Bulk requests (and spool replays) at once. */
  readonly maxInFlight: number;
  /** A batch leaves at most this long after the first entry queued behind the last batch. */
  readonly flushIntervalMs: number;
  readonly isOutage: () => boolean;
  /** During an outage, batches go here as they form; null (no spool): they wait in memory. */
  readonly spill: ((batch: BulkEntry[]) => void) | null;
  /** Delivers one batch; never expected to reject (a rejection is a bug, reported to `onError`). */
  readonly send: (batch: BulkEntry[]) => Promise<void>;
  /** Spool replay takes a request slot before new batches do. */
  readonly replay: { wanted(): boolean; run(): Promise<void> };
  readonly onError: (error: unknown) => void;
}

/**
 * Turns the queue into bulk requests: a full batch leaves at once, a partial one when the timer
 * started by its first entry fires (the clock's timers are unref'd), with at most `maxInFlight`
 * requests out. The timer is not reset by later entries, so a steady trickle still flushes; a
 * partial batch whose time came while every slot was busy leaves with the next free slot.
 */
export function createBatcher(deps: BatcherDeps) {
  let inFlight = 0;
  let timer: unknown = null;
  /** The timer fired but some of what was queued then could not be sent yet. */
  let overdue = false;

  function run(work: Promise<void>): void {
    inFlight++;
    work.catch(deps.onError).finally(() => {
      inFlight--;
      pump(overdue);
    });
  }

  function syncTimer(): void {
    const queued = deps.queue.length;
    if (queued === 0 && timer !== null) {
      deps.clock.clearTimeout(timer);
      timer = null;
    } else if (queued > 0 && timer === null) {
      timer = deps.clock.setTimeout(() => {
        timer = null;
        pump(true);
      }, deps.flushIntervalMs);
    }
  }

  /** Sends what is ready; `force` sends a partial batch too (timer, `flush()`, a waiting writer). */
  function pump(force: boolean): void {
    if (deps.isOutage()) {
      // Memory stays bounded during an outage: whole batches go to disk as they form.
      let batch: BulkEntry[] | null;
      while (deps.spill && (batch = deps.queue.take(deps.limits, force))) deps.spill(batch);
    } else {
      while (inFlight < deps.maxInFlight) {
        if (deps.replay.wanted()) {
          run(deps.replay.run());
          continue;
        }
        const batch = deps.queue.take(deps.limits, force);
        if (!batch) break;
        run(deps.send(batch));
      }
    }
    // Entries logged meanwhile do not make an overdue batch wait for another interval.
    if (force || deps.queue.length === 0) overdue = force && deps.queue.length > 0;
    syncTimer();
  }

  return {
    pump,
    get inFlight(): number {
      return inFlight;
    },
    /** Releases the timer for good (at close): no later pump arms another. */
    stop(): void {
      if (timer !== null) deps.clock.clearTimeout(timer);
    },
  };
}

export type Batcher = ReturnType<typeof createBatcher>;
