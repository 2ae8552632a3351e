import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { PersonalDataProtector } from '../../opensearch/privacy/personal-data-protector.ts';
import { systemClock, type Clock } from '../../opensearch/shared/clock.ts';
import type { ShipperMetrics } from '../metrics/shipper-metrics.ts';
import type { ShipperOptions } from '../options/shipper-options.ts';
import { createBatcher } from './batcher.ts';
import { createBoundedQueue } from './bounded-queue.ts';
import type { BulkEntry } from './bulk-entry.ts';
import type { DeadLetterSink } from './dead-letter-sink.ts';
import { createDeadLettering } from './dead-lettering.ts';
import type { Destination } from './destination.ts';
import { createDropReporter } from './drop-reporter.ts';
import { createFlushEpochs } from './flush-epochs.ts';
import { createOutageMonitor } from './outage-monitor.ts';
import { createSender } from './sender.ts';
import { createSettlement } from './settlement.ts';
import type { ShipperEvent } from './shipper-event.ts';
import type { SpoolPort } from './spool-port.ts';
import { createSpoolReplay } from './spool-replay.ts';
import { probeWritePath } from './write-probe.ts';

export interface EngineDeps {
  readonly client: OpenSearchClient;
  readonly metrics: ShipperMetrics;
  readonly deadLetters: DeadLetterSink;
  /** Outage and overflow spool; `null` without a spool directory. */
  readonly spool: SpoolPort | null;
  /** Write-ahead log: appended to in write-ahead mode and by `writeDurable`; always replayed for crashed producers. */
  readonly wal: SpoolPort | null;
  readonly emit: (event: ShipperEvent) => void;
  /** How the entries' indices are made ready. */
  readonly destination: Destination;
  /** The index the outage probe's `delete` names (the probe never creates it). */
  readonly probeIndex: string;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** The personal data policy the dead letters of refused entries are kept under; absent or `null` keeps them as sent. */
  readonly personalData?: PersonalDataProtector | null;
}

/** The bounds, batching, retry and outage options the engine uses (defaults in `shipperOptionsSchema`). */
export type EngineOptions = Pick<
  ShipperOptions,
  | 'maxQueueRecords'
  | 'maxQueueBytes'
  | 'batchRecords'
  | 'batchBytes'
  | 'flushIntervalMs'
  | 'maxInFlight'
  | 'requestTimeoutMs'
  | 'retryDeadlineMs'
  | 'initialBackoffMs'
  | 'maxBackoffMs'
  | 'maxProbeIntervalMs'
  | 'writeAhead'
  | 'dropReportIntervalMs'
>;

/**
 * Builds the engine's parts and connects them: the queue feeds the batcher, the batcher the
 * sender (and spool replay first, when it has work), the sender ends every entry through the
 * settlement and the dead-lettering, and the outage monitor holds sending until the probe answers.
 */
export function assembleEngineParts(deps: EngineDeps, options: EngineOptions) {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const { metrics, emit, spool, wal } = deps;
  const warn = (message: string) => emit({ type: 'warning', message });
  const state = { closing: false };
  const isClosing = () => state.closing;
  const epochs = createFlushEpochs();
  const queue = createBoundedQueue<BulkEntry>({ maxRecords: options.maxQueueRecords, maxBytes: options.maxQueueBytes });
  const limits = { records: options.batchRecords, bytes: options.batchBytes };
  const drops = createDropReporter({ clock, intervalMs: options.dropReportIntervalMs, warn });
  const settlement = createSettlement({ epochs, metrics, emit, drops, spool, wal, spooled: () => replay.written() });
  const deadLettering = createDeadLettering({
    sink: deps.deadLetters,
    metrics,
    emit,
    clock,
    epochs,
    settlement,
    personalData: deps.personalData ?? null,
  });
  const outage = createOutageMonitor({
    clock,
    random,
    maxProbeIntervalMs: options.maxProbeIntervalMs,
    probe: () => probeWritePath(deps.client, deps.probeIndex, 5_000),
    onOutage: (reason) => emit({ type: 'outage', reason }),
    onRecovered() {
      replay.recovered();
      emit({ type: 'recovered' });
      batcher.pump(true);
    },
    isClosing,
  });
  const isOutage = () => outage.active;
  const send = createSender({
    client: deps.client,
    destination: deps.destination,
    clock,
    random,
    metrics,
    options,
    settlement,
    deadLettering,
    outage,
    isClosing,
    emit,
  });
  const replay = createSpoolReplay({
    clock,
    spool,
    wal,
    batchRecords: options.batchRecords,
    batchBytes: options.batchBytes,
    deliver: send,
    replayed: (n) => metrics.replayed(n),
    isOutage,
    isClosing,
  });
  const batcher = createBatcher({
    clock,
    queue,
    limits,
    maxInFlight: options.maxInFlight,
    flushIntervalMs: options.flushIntervalMs,
    isOutage,
    spill: spool ? (batch) => settlement.setAside(batch, 'outage') : null,
    send,
    replay,
    onError: (error) => warn(`synclog: delivery failed unexpectedly: ${String(error)}`),
  });
  return { clock, warn, state, epochs, queue, limits, settlement, deadLettering, isOutage, replay, batcher };
}

export type EngineParts = ReturnType<typeof assembleEngineParts>;
