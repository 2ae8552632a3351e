import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { SHARD_RESERVE_FRACTION } from '../../opensearch/capacity/shard-budget.ts';
import { createLogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import type { DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import type { ShipperMetrics, DropReason } from '../metrics/shipper-metrics.ts';
import type { ShipperOptions } from '../options/shipper-options.ts';
import { normaliseRecord } from '../record/normalise-record.ts';
import { countOperation } from '../metrics/count-operation.ts';
import type { SyncMetrics } from '../metrics/sync-metrics.ts';
import { recordRules } from '../record/record-rules.ts';
import { sameDayIndex } from './same-day-index.ts';
import { bulkEntry, entriesFromLines, type BulkEntry } from './bulk-entry.ts';
import { systemClock, type Clock } from '../../opensearch/shared/clock.ts';
import type { DeadLetterSink } from './dead-letter-sink.ts';
import { deliverBatch, type DeliveryContext } from './deliver-batch.ts';
import { createFlushEpochs, type FlushReport, type Settlement } from './flush-epochs.ts';
import { createOutageMonitor } from './outage-monitor.ts';
import { rejectionLetter } from './rejection-letter.ts';
import type { Rejection } from './send-bulk.ts';
import type { SpoolPort } from './spool-port.ts';
import { createStrictFields } from './strict-fields.ts';
import { probeWritePath } from './write-probe.ts';

/** What the shipper tells the application: named events, never `'error'`. */
export type ShipperEvent =
  | { type: 'delivered'; records: number }
  | { type: 'retrying'; records: number; reason: string }
  | { type: 'spooled'; records: number; reason: string }
  | { type: 'dead-letter'; records: number; reason: string; code: DeadLetterReason }
  | { type: 'dropped'; records: number; reason: DropReason }
  | { type: 'outage'; reason: string }
  | { type: 'recovered' }
  | { type: 'warning'; message: string };

export interface ShipperDeps {
  readonly client: OpenSearchClient;
  readonly metrics: ShipperMetrics;
  readonly deadLetters: DeadLetterSink;
  /** Outage and overflow spool; `null` without a spool directory. */
  readonly spool: SpoolPort | null;
  /** Write-ahead log: appended to in write-ahead mode; always replayed for crashed producers. */
  readonly wal: SpoolPort | null;
  readonly emit: (event: ShipperEvent) => void;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Sync metrics every stored operation record is counted in (those a sync logger counted already aside). */
  readonly syncMetrics?: SyncMetrics;
  /** Share of the cluster's shard capacity a new log index must leave free (`no_shard_headroom` otherwise). Default 0.05. */
  readonly shardReserveFraction?: number;
}

export interface CloseReport extends FlushReport {
  /** Records still in memory when the timeout passed and no spool could take them. */
  undelivered: number;
}

export interface Shipper {
  readonly producerId: string;
  /** Normalises and queues one log call. Never blocks on I/O and never throws. */
  log(info: Record<string, unknown>): void;
  /** Resolves when every record logged before the call is delivered, spooled, dead-lettered (the dead letter written) or dropped. */
  flush(): Promise<FlushReport>;
  /** Flushes (within `timeoutMs`, default 10 000), spools what is left, releases timers and files. Idempotent. */
  close(options?: { timeoutMs?: number }): Promise<CloseReport>;
  stats(): { queued: number; queuedBytes: number; inFlight: number; outage: boolean; spool: { records: number; bytes: number } };
}

/** The delivery engine behind `OpenSearchTransport`, usable without winston. */
export function createShipper(deps: ShipperDeps, options: ShipperOptions & { producerId: string }): Shipper {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const names = indexNames(options.indexPrefix);
  const indexFor = sameDayIndex((timestamp) => names.logIndexFor(timestamp, options.indexPeriod));
  const rules = recordRules(options);
  const ensurer = createLogIndexEnsurer(deps.client, names, { window: rules.window, shardReserveFraction: deps.shardReserveFraction ?? SHARD_RESERVE_FRACTION, now: () => clock.now() });
  const epochs = createFlushEpochs();
  const service = { name: options.service, ...(options.environment ? { environment: options.environment } : {}), ...(options.version ? { version: options.version } : {}) };

  // A queue with a moving head: taking a batch must not copy everything behind it.
  let queue: BulkEntry[] = [];
  let head = 0;
  let queuedBytes = 0;
  const queued = () => queue.length - head;
  let inFlight = 0;
  let seq = 0;
  let closing = false;
  let closed: Promise<CloseReport> | null = null;
  let timer: unknown = null;
  // Start by looking for spools a crashed process left behind.
  let spoolMayHaveWork = deps.spool !== null || deps.wal !== null;
  let replaying = false;
  // Counts spool writes, so a replay that found nothing does not hide a write made meanwhile.
  let spoolWrites = 0;
  let dropsSinceReport = 0;
  let lastDropReport = 0;

  const settle = (entries: readonly BulkEntry[], how: Settlement) => {
    for (const entry of entries) {
      epochs.settled(entry.epoch, how);
      if (entry.walSegment !== undefined) deps.wal?.acknowledge(entry.walSegment, 1);
    }
  };

  function drop(entries: readonly BulkEntry[], reason: DropReason) {
    settle(entries, 'dropped');
    deps.metrics.dropped(entries.length, reason);
    deps.emit({ type: 'dropped', records: entries.length, reason });
    dropsSinceReport += entries.length;
    if (clock.now() - lastDropReport >= options.dropReportIntervalMs) {
      deps.emit({ type: 'warning', message: `synclog: dropped ${dropsSinceReport} record(s) (${reason}) since the last report` });
      dropsSinceReport = 0;
      lastDropReport = clock.now();
    }
  }

  function toSpool(entries: readonly BulkEntry[], reason: string) {
    if (entries.length === 0) return;
    if (!deps.spool) return drop(entries, 'no-spool');
    const result = deps.spool.append(Buffer.concat(entries.map((e) => e.lines)), entries.length);
    if (!result.ok) return drop(entries, 'spool-full');
    spoolMayHaveWork = true;
    spoolWrites++;
    settle(entries, 'spooled');
    deps.metrics.spooled(entries.length);
    deps.emit({ type: 'spooled', records: entries.length, reason });
  }

  function deadLetter(rejections: readonly Rejection[]) {
    const at = new Date(clock.now()).toISOString();
    const byCode = new Map<DeadLetterReason, Rejection[]>();
    for (const r of rejections) {
      deps.deadLetters.add(rejectionLetter(r, at));
      byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
    }
    settle(rejections.map((r) => r.entry), 'deadLettered');
    for (const [code, group] of byCode) {
      deps.metrics.deadLettered(group.length, code, 'delivery');
      deps.emit({ type: 'dead-letter', records: group.length, reason: group[0]!.reason, code });
    }
    void deps.deadLetters.flush();
  }

  const outage = createOutageMonitor({
    clock,
    random,
    maxProbeIntervalMs: options.maxProbeIntervalMs,
    probe: () => probeWritePath(deps.client, names.meta, 5_000),
    onOutage: (reason) => deps.emit({ type: 'outage', reason }),
    onRecovered() {
      spoolMayHaveWork = deps.spool !== null || deps.wal !== null;
      deps.emit({ type: 'recovered' });
      pump(true);
    },
    isClosing: () => closing,
  });

  const delivery: DeliveryContext = {
    client: deps.client,
    names,
    ensurer,
    strictFields: createStrictFields(),
    clock,
    random,
    metrics: deps.metrics,
    options,
    delivered(entries) {
      if (entries.length === 0) return;
      settle(entries, 'delivered');
      deps.metrics.sent(entries.length);
      deps.emit({ type: 'delivered', records: entries.length });
    },
    rejected: deadLetter,
    setAside: toSpool,
    outage: (reason) => outage.start(reason),
    isOutage: () => outage.active,
    isClosing: () => closing,
    retrying(count, reason) {
      deps.metrics.retried(count);
      deps.emit({ type: 'retrying', records: count, reason });
    },
  };

  function take(force: boolean): BulkEntry[] | null {
    const length = queued();
    if (length === 0) return null;
    if (!force && length < options.batchRecords && queuedBytes < options.batchBytes) return null;
    let count = 0;
    let bytes = 0;
    while (count < length && count < options.batchRecords && (count === 0 || bytes + queue[head + count]!.bytes <= options.batchBytes)) {
      bytes += queue[head + count]!.bytes;
      count++;
    }
    const batch = queue.slice(head, head + count);
    head += count;
    queuedBytes -= bytes;
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 16_384 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    return batch;
  }

  function run(work: Promise<void>) {
    inFlight++;
    work
      .catch((error: unknown) => deps.emit({ type: 'warning', message: `synclog: delivery failed unexpectedly: ${String(error)}` }))
      .finally(() => {
        inFlight--;
        pump(false);
      });
  }

  async function replayOne(): Promise<void> {
    const writesBefore = spoolWrites;
    // Outage spool first (this process's own batches, then crashed producers'), then the
    // write-ahead logs crashed producers left behind.
    const segment = (await deps.spool?.takeForReplay()) ?? (await deps.wal?.takeForReplay()) ?? null;
    if (!segment) {
      if (spoolWrites === writesBefore) spoolMayHaveWork = false;
      return;
    }
    const entries = entriesFromLines(segment.lines);
    deps.metrics.replayed(entries.length);
    for (let i = 0; i < entries.length; i += options.batchRecords) await deliverBatch(delivery, entries.slice(i, i + options.batchRecords));
    // Whatever could not be delivered was spooled again by deliverBatch: the segment is done.
    await segment.done();
  }

  async function drainSpool(timeoutMs: number): Promise<void> {
    const deadline = clock.now() + timeoutMs;
    while (spoolMayHaveWork && (deps.spool || deps.wal) && !outage.active && clock.now() < deadline) {
      while (replaying) await new Promise((resolve) => setImmediate(resolve));
      replaying = true;
      try {
        await replayOne();
      } finally {
        replaying = false;
      }
    }
  }

  function pump(force: boolean) {
    if (outage.active) {
      // Memory stays bounded during an outage: whole batches go to disk as they form.
      let batch: BulkEntry[] | null;
      while (deps.spool && (batch = take(force))) toSpool(batch, 'outage');
    } else {
      while (inFlight < options.maxInFlight) {
        if (spoolMayHaveWork && !replaying && !closing) {
          replaying = true;
          run(replayOne().finally(() => (replaying = false)));
          continue;
        }
        const batch = take(force);
        if (!batch) break;
        run(deliverBatch(delivery, batch));
      }
    }
    if (queued() === 0 && timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    } else if (queued() > 0 && timer === null) {
      timer = clock.setTimeout(() => {
        timer = null;
        pump(true);
      }, options.flushIntervalMs);
    }
  }

  function enqueue(entry: BulkEntry) {
    epochs.added(entry.epoch);
    deps.metrics.queued(1);
    if (queued() >= options.maxQueueRecords || queuedBytes + entry.bytes > options.maxQueueBytes) {
      if (deps.spool) {
        // Spill the oldest batch to disk before dropping anything: audit logs are not sampled.
        const oldest = take(true);
        if (oldest) toSpool(oldest, 'queue full');
      } else {
        return drop([entry], 'queue-full');
      }
    }
    queue.push(entry);
    queuedBytes += entry.bytes;
    pump(false);
  }

  deps.metrics.watchDepth(() => {
    const spool = deps.spool?.depth() ?? { records: 0, bytes: 0 };
    return { queue: { records: queued(), bytes: queuedBytes }, spool };
  });

  // A spool left by a crashed process is replayed before anything else.
  if (spoolMayHaveWork) clock.setTimeout(() => pump(false), 0);

  return {
    producerId: options.producerId,
    log(info) {
      try {
        const now = clock.now();
        const normalised = normaliseRecord(info, { now, producerId: options.producerId, producerSeq: seq, service, rules });
        if (!normalised.ok) {
          epochs.added(epochs.current);
          epochs.settled(epochs.current, 'deadLettered');
          deps.deadLetters.add({ '@timestamp': new Date(now).toISOString(), reason: normalised.reason, reason_code: normalised.code, error_type: normalised.code, event_id: normalised.eventId, producer_id: options.producerId, raw: normalised.raw });
          deps.metrics.deadLettered(1, normalised.code, 'call');
          deps.emit({ type: 'dead-letter', records: 1, reason: normalised.reason, code: normalised.code });
          void deps.deadLetters.flush();
          return;
        }
        seq++;
        countOperation(deps.syncMetrics, info, normalised.record);
        const entry = bulkEntry(indexFor(normalised.record['@timestamp']), normalised.record, epochs.current);
        if (closed) {
          epochs.added(entry.epoch);
          deps.metrics.queued(1);
          return drop([entry], 'closed');
        }
        if (deps.wal && options.writeAhead) {
          const written = deps.wal.append(entry.lines, 1);
          if (written.ok) entry.walSegment = written.segment;
          else deps.emit({ type: 'warning', message: 'synclog: write-ahead log is full; this record is held in memory only' });
        }
        enqueue(entry);
      } catch (error) {
        // A bug must not reach the application's log call.
        deps.emit({ type: 'warning', message: `synclog: could not queue a record: ${String(error)}` });
      }
    },
    flush() {
      // Settled records include dead letters: the report waits until they are written too.
      const done = epochs.close().then(async (report) => (await deps.deadLetters.flush(), report));
      pump(true);
      return keepAlive(done);
    },
    close(closeOptions = {}) {
      if (closed) return closed;
      closed = (async () => {
        const flushed = this.flush();
        const timeout = new Promise<'timeout'>((resolve) => clock.setTimeout(() => resolve('timeout'), closeOptions.timeoutMs ?? 10_000));
        const first = await keepAlive(Promise.race([flushed, timeout]));
        closing = true;
        let undelivered = 0;
        let report: FlushReport;
        if (first === 'timeout') {
          const left = queue.slice(head);
          queue = [];
          head = 0;
          queuedBytes = 0;
          undelivered = deps.spool ? 0 : left.length;
          toSpool(left, 'closing');
          report = await keepAlive(flushed);
        } else {
          report = first;
        }
        // What overflowed to disk while the cluster was up is delivered now, within the same timeout.
        if (first !== 'timeout' && !outage.active) await keepAlive(drainSpool(closeOptions.timeoutMs ?? 10_000));
        if (timer !== null) clock.clearTimeout(timer);
        await deps.deadLetters.flush();
        await deps.wal?.close();
        await deps.spool?.close();
        return { ...report, undelivered };
      })();
      return closed;
    },
    stats() {
      const spool = deps.spool?.depth() ?? { records: 0, bytes: 0 };
      return { queued: queued(), queuedBytes, inFlight, outage: outage.active, spool: { records: spool.records, bytes: spool.bytes } };
    },
  };
}

/** Holds the process open while the application awaits delivery (the shipper's own timers are unref'd). */
function keepAlive<T>(promise: Promise<T>): Promise<T> {
  const handle = setInterval(() => {}, 60_000);
  return promise.finally(() => clearInterval(handle));
}
