import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { DEAD_LETTER_REASONS, type DeadLetterReason } from '../../opensearch/record/dead-letter.ts';

/**
 * Why records were dropped: a closed set. `spool-evicted`: records already counted as spooled,
 * later pushed out of a full spool (`spoolWhenFull: drop-oldest`) to make room.
 */
export const DROP_REASONS = ['queue-full', 'spool-full', 'spool-evicted', 'no-spool', 'closed'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Where a dead letter was decided: when `log()` was called, or when its delivery was answered. */
export type DeadLetterStage = 'call' | 'delivery';

/** Reasons decided when `log()` is called (an old spool can also meet `event_time_expired` in delivery). */
const AT_CALL = new Set<DeadLetterReason>(['validation', 'event_time_expired']);

/** The transport's own metrics, in a registry the application passes in. */
export interface ShipperMetrics {
  queued(count: number): void;
  sent(count: number): void;
  retried(count: number): void;
  spooled(count: number): void;
  /** Records read back from a spool or a crashed producer's write-ahead log, to be delivered again. */
  replayed(count: number): void;
  deadLettered(count: number, reason: DeadLetterReason, stage: DeadLetterStage): void;
  dropped(count: number, reason: DropReason): void;
  batch(records: number, seconds: number): void;
  /** Queue and spool depth are read when the registry is scraped, from this source. */
  watchDepth(
    source: () => { queue: { records: number; bytes: number }; spool: { records: number; bytes: number } },
  ): void;
}

/**
 * Metric names start with `prefix` (default `synclog_shipper_`): two transports in one process
 * use two registries, or two prefixes on one registry.
 */
export function createShipperMetrics(registry: Registry, prefix = 'synclog_shipper_'): ShipperMetrics {
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name: `${prefix}${name}`, help, labelNames, registers });

  // After a flush, with no spool replay in between: log calls = queued + dead-lettered{stage=call}, and
  // queued + replayed = sent + dead-lettered{stage=delivery} + dropped{reason!=spool-evicted} + spooled.
  const queued = counter(
    'records_queued_total',
    'Records accepted by log() for delivery (dead letters decided at the call excluded).',
  );
  const sent = counter(
    'records_sent_total',
    'Records OpenSearch acknowledged (including 409: delivered by an earlier attempt).',
  );
  const retried = counter(
    'records_retried_total',
    'Record sends retried after 429, 5xx, timeouts or connection errors.',
  );
  const spooled = counter(
    'records_spooled_total',
    'Records written to the on-disk spool during an outage or overflow.',
  );
  const replayed = counter(
    'records_replayed_total',
    "Records read back from the on-disk spool (or a crashed producer's write-ahead log) for delivery.",
  );
  const deadLettered = counter(
    'records_dead_lettered_total',
    'Records kept as dead letters, by closed reason code and by stage (call: refused by log(); delivery: refused by the cluster).',
    ['reason', 'stage'],
  );
  const dropped = counter('records_dropped_total', 'Records lost on purpose because a bound was reached.', ['reason']);
  // Every series of the closed label sets exists from the start at 0, so rates and increases see
  // the first dead letter or drop instead of a series that appears with it.
  for (const reason of DEAD_LETTER_REASONS)
    deadLettered.inc({ reason, stage: AT_CALL.has(reason) ? 'call' : 'delivery' }, 0);
  deadLettered.inc({ reason: 'event_time_expired', stage: 'delivery' }, 0);
  for (const reason of DROP_REASONS) dropped.inc({ reason }, 0);
  const batchSize = new Histogram({
    name: `${prefix}batch_records`,
    help: 'Records per bulk request.',
    buckets: [1, 10, 100, 500, 1_000, 2_500, 5_000, 10_000],
    registers,
  });
  const latency = new Histogram({
    name: `${prefix}bulk_latency_seconds`,
    help: 'Duration of bulk requests.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  let source: Parameters<ShipperMetrics['watchDepth']>[0] = () => ({
    queue: { records: 0, bytes: 0 },
    spool: { records: 0, bytes: 0 },
  });
  const depthGauge = (name: string, help: string, read: (depth: ReturnType<typeof source>) => number) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers,
      collect() {
        this.set(read(source()));
      },
    });
  depthGauge('queue_records', 'Records waiting in memory.', (d) => d.queue.records);
  depthGauge('queue_bytes', 'Bytes waiting in memory.', (d) => d.queue.bytes);
  depthGauge('spool_records', 'Records waiting in the on-disk spool.', (d) => d.spool.records);
  depthGauge('spool_bytes', 'Bytes waiting in the on-disk spool.', (d) => d.spool.bytes);

  return {
    queued: (n) => queued.inc(n),
    sent: (n) => sent.inc(n),
    retried: (n) => retried.inc(n),
    spooled: (n) => spooled.inc(n),
    replayed: (n) => replayed.inc(n),
    deadLettered: (n, reason, stage) => deadLettered.inc({ reason, stage }, n),
    dropped: (n, reason) => dropped.inc({ reason }, n),
    batch: (records, seconds) => {
      batchSize.observe(records);
      latency.observe(seconds);
    },
    watchDepth: (next) => {
      source = next;
    },
  };
}
