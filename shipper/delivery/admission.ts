import type { ShipperMetrics } from '../metrics/shipper-metrics.ts';
import type { BatchLimits, BoundedQueue } from './bounded-queue.ts';
import type { BulkEntry } from './bulk-entry.ts';
import type { FlushEpochs } from './flush-epochs.ts';
import type { Settlements } from './settlement.ts';
import type { SpoolPort } from './spool-port.ts';

export interface AdmissionDeps {
  readonly queue: BoundedQueue<BulkEntry>;
  /** The size of the batch that spills to the spool when the queue is full. */
  readonly limits: BatchLimits;
  readonly settlement: Pick<Settlements, 'drop' | 'setAside'>;
  readonly epochs: Pick<FlushEpochs, 'added'>;
  readonly metrics: Pick<ShipperMetrics, 'queued'>;
  /** Wakes the batcher; `urgent`: send what is queued now rather than at the batch interval. */
  readonly pump: (urgent: boolean) => void;
  /** Outage and overflow spool; `null` without a spool directory (a full queue then drops). */
  readonly spool: SpoolPort | null;
  /** Write-ahead log, appended to before queueing when `writeAhead` is on. */
  readonly wal: SpoolPort | null;
  readonly writeAhead: boolean;
  readonly isClosed: () => boolean;
  readonly warn: (message: string) => void;
}

/**
 * How entries enter the engine: each is counted towards its `flush()` epoch, written ahead in
 * write-ahead mode, and queued without blocking the caller or throwing.
 */
export function createAdmission(deps: AdmissionDeps) {
  const { queue, settlement } = deps;

  /** Counts an entry towards its flush epoch and the queued metric, before anything can settle it. */
  function count(entry: BulkEntry): void {
    deps.epochs.added(entry.epoch);
    deps.metrics.queued(1);
  }

  /** Into the queue; when it is full, the oldest batch spills to disk before anything is dropped: audit logs are not sampled. */
  function admit(entry: BulkEntry, urgent: boolean): void {
    if (!queue.fits(entry.bytes)) {
      if (!deps.spool) return settlement.drop([entry], 'queue-full');
      const oldest = queue.take(deps.limits, true);
      if (oldest) settlement.setAside(oldest, 'queue full');
    }
    queue.push(entry);
    deps.pump(urgent);
  }

  return {
    count,
    admit,
    /** A log call's entry: counted, dropped once the engine is closed, otherwise written ahead (if asked) and queued. */
    enqueue(entry: BulkEntry): void {
      count(entry);
      if (deps.isClosed()) return settlement.drop([entry], 'closed');
      if (deps.wal && deps.writeAhead) {
        const written = deps.wal.append(entry.lines, 1);
        if (written.ok) entry.walSegment = written.segment;
        else deps.warn('synclog: write-ahead log is full; this record is held in memory only');
      }
      admit(entry, false);
    },
  };
}

export type Admission = ReturnType<typeof createAdmission>;
