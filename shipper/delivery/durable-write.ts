import type { BoundedQueue } from './bounded-queue.ts';
import type { BulkEntry } from './bulk-entry.ts';
import type { SpoolPort } from './spool-port.ts';

export interface DurableWriteDeps {
  readonly queue: BoundedQueue<BulkEntry>;
  /** Write-ahead log; null without a spool directory. */
  readonly wal: SpoolPort | null;
  readonly isOutage: () => boolean;
  readonly isClosed: () => boolean;
  /** Counts and queues the entry; `urgent`: send what is queued now rather than at the batch interval. */
  readonly admit: (entry: BulkEntry, urgent: boolean) => void;
}

/**
 * `writeDurable`: for writers that must know an entry is kept (the access log) before they answer.
 * - With a write-ahead log, resolves once the entry is in it (on disk, in the page cache at least
 *   under `spoolFsync: interval`); delivery continues in the background, and a crash loses
 *   nothing: the next engine on the same directory replays it.
 * - Without one (no spool directory, or the log is full), resolves once the entry is indexed
 *   (or spooled), and the entry is sent at once rather than at the end of the batch interval.
 * Rejects when the entry was dropped or refused by the cluster, when the engine is closed, and at
 * once during an outage when there is no write-ahead log: the caller learns it could not be kept.
 * A full queue makes the caller wait for room; a durable entry never pushes others to the spool.
 */
export function createDurableWrite(deps: DurableWriteDeps): (entry: BulkEntry) => Promise<void> {
  const closedError = () => new Error('synclog: the writer is closed');
  return async (entry) => {
    if (deps.isClosed()) throw closedError();
    if (!deps.wal && deps.isOutage())
      throw new Error('synclog: OpenSearch is unreachable and there is no write-ahead log to keep the entry');
    while (deps.queue.length > 0 && !deps.queue.fits(entry.bytes)) {
      await deps.queue.whenRoom();
      if (deps.isClosed()) throw closedError();
    }
    const settled = new Promise<void>((resolve, reject) => {
      entry.onSettled = (how) => {
        if (how === 'delivered' || how === 'spooled') resolve();
        else
          reject(
            new Error(
              how === 'dropped'
                ? 'synclog: the entry was dropped'
                : 'synclog: the cluster refused the entry (kept as a dead letter)',
            ),
          );
      };
    });
    const written = deps.wal?.append(entry.lines, 1);
    if (written?.ok) {
      entry.walSegment = written.segment;
      settled.catch(() => {});
      deps.admit(entry, false);
      return;
    }
    deps.admit(entry, true);
    return settled;
  };
}
