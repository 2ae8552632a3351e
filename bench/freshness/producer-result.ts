import type { DeliveryCounts } from '../shared/delivery-counts.ts';

/** What the freshness producer hands back to `run.ts` (its log-call times go to a file of their own). */
export interface ProducerResult extends DeliveryCounts {
  /** Wall-clock ms of the first and the last log call. */
  readonly firstCallAt: number;
  readonly lastCallAt: number;
  /** Bulk requests: [first seq, last seq, sent at, answered at, …] (see `recordBulkAcks`). */
  readonly acks: readonly number[];
  /** User + system CPU of the whole process over the logging window. */
  readonly cpuMicros: number;
  /** The transport's options as it resolved them: the defaults of today. */
  readonly options: {
    readonly flushIntervalMs: number;
    readonly batchRecords: number;
    readonly maxInFlight: number;
    readonly spool: boolean;
    readonly writeAhead: boolean;
  };
}

/** Wall-clock milliseconds with the monotonic clock's fraction: two processes on one machine agree. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}
