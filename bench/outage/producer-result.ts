import type { DeliveryCounts } from '../shared/delivery-counts.ts';

/** One look at the producer process, every 250 ms. */
export interface Sample {
  readonly at: number;
  readonly logged: number;
  readonly delivered: number;
  readonly spooled: number;
  readonly queueBytes: number;
  readonly spoolRecords: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** User + system CPU of the whole process so far. */
  readonly cpuMicros: number;
}

export interface ProducerResult extends DeliveryCounts {
  readonly maxQueueBytes: number;
  readonly startAt: number;
  readonly loggingEndedAt: number;
  /** When each health check was sent. */
  readonly probes: readonly number[];
  readonly events: ReadonlyArray<{ readonly at: number; readonly type: string }>;
  readonly samples: readonly Sample[];
}
