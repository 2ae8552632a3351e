import { SHARD_RESERVE_FRACTION } from '../../opensearch/capacity/shard-budget.ts';
import { createLogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { systemClock } from '../../opensearch/shared/clock.ts';
import { createProducerIntegrity } from '../integrity/producer-integrity.ts';
import { countOperation } from '../metrics/count-operation.ts';
import type { SyncMetrics } from '../metrics/sync-metrics.ts';
import type { ShipperOptions } from '../options/shipper-options.ts';
import { normaliseRecord } from '../record/normalise-record.ts';
import { recordRules } from '../record/record-rules.ts';
import { bulkEntryOfText, type BulkEntry } from './bulk-entry.ts';
import type { CloseReport } from './closer.ts';
import { createDeliveryEngine, type EngineDeps, type EngineStats } from './delivery-engine.ts';
import { logIndexDestination } from './destination.ts';
import type { FlushReport } from './flush-epochs.ts';
import { sameDayIndex } from './same-day-index.ts';

export type { CloseReport } from './closer.ts';
export type { ShipperEvent } from './shipper-event.ts';

/** The engine's dependencies, less what the record shipper derives itself (log indices, the probe's index). */
export interface ShipperDeps extends Omit<EngineDeps, 'destination' | 'probeIndex'> {
  /** Sync metrics every stored operation record is counted in (those a sync logger counted already aside). */
  readonly syncMetrics?: SyncMetrics;
  /** Share of the cluster's shard capacity a new log index must leave free (`no_shard_headroom` otherwise). Default 0.05. */
  readonly shardReserveFraction?: number;
}

export interface Shipper {
  readonly producerId: string;
  /** Normalises and queues one log call. Never blocks on I/O and never throws. */
  log(info: Record<string, unknown>): void;
  /** Resolves when every record logged before the call is delivered, spooled, dead-lettered (the dead letter written) or dropped. */
  flush(): Promise<FlushReport>;
  /** Flushes (within `timeoutMs`, default 10 000), spools what is left, releases timers and files. Idempotent. */
  close(options?: { timeoutMs?: number }): Promise<CloseReport>;
  stats(): EngineStats;
}

/**
 * The record shipper behind `OpenSearchTransport`, usable without winston: each log call is
 * normalised into a sync log record (or dead-lettered at the call), given its event-time index,
 * and handed to the delivery engine.
 */
export function createShipper(deps: ShipperDeps, options: ShipperOptions & { producerId: string }): Shipper {
  const clock = deps.clock ?? systemClock;
  const names = indexNames(options.indexPrefix);
  const indexFor = sameDayIndex((timestamp) => names.logIndexFor(timestamp, options.indexPeriod));
  const rules = recordRules(options);
  const ensurer = createLogIndexEnsurer(deps.client, names, {
    window: rules.window,
    shardReserveFraction: deps.shardReserveFraction ?? SHARD_RESERVE_FRACTION,
    now: () => clock.now(),
  });
  const service = {
    name: options.service,
    ...(options.environment ? { environment: options.environment } : {}),
    ...(options.version ? { version: options.version } : {}),
  };
  const { client, metrics, deadLetters, spool, wal, emit, syncMetrics } = deps;
  const personalData = deps.personalData ?? null;
  const random = deps.random ?? Math.random;
  const engine = createDeliveryEngine(
    {
      client,
      metrics,
      deadLetters,
      spool,
      wal,
      emit,
      clock,
      random,
      destination: logIndexDestination(ensurer, names),
      probeIndex: names.meta,
      personalData,
    },
    options,
  );
  const integrity = createProducerIntegrity(
    {
      client,
      index: names.checkpoints,
      clock,
      warn: (message) => emit({ type: 'warning', message }),
      settled: () => engine.settled(),
    },
    { ...options, producerId: options.producerId },
  );
  let seq = 0;

  return {
    producerId: options.producerId,
    log(info) {
      try {
        const now = clock.now();
        const normalised = normaliseRecord(info, {
          now,
          producerId: options.producerId,
          producerSeq: seq,
          service,
          rules,
          personalData,
        });
        if (!normalised.ok) {
          const { reason, code, eventId, raw } = normalised;
          const letter = {
            '@timestamp': new Date(now).toISOString(),
            reason,
            reason_code: code,
            error_type: code,
            event_id: eventId,
            producer_id: options.producerId,
            raw,
          };
          return engine.deadLetterAtCall(letter);
        }
        const { record } = normalised;
        const index = indexFor(record['@timestamp']);
        // Set by the encoder, which link() calls once: the entry is the record's canonical text.
        let entry!: BulkEntry;
        integrity.link(record, seq, index, (text) => {
          const built = bulkEntryOfText(index, record.event_id, text, engine.epoch);
          entry = built.entry;
          return built.document;
        });
        seq++;
        countOperation(syncMetrics, info, record);
        engine.enqueue(entry);
      } catch (error) {
        // A bug must not reach the application's log call.
        emit({ type: 'warning', message: `synclog: could not queue a record: ${String(error)}` });
      }
    },
    flush: () => engine.flush(),
    async close(closeOptions) {
      const report = await engine.close(closeOptions);
      await integrity.close(Math.min(closeOptions?.timeoutMs ?? 10_000, 5_000));
      return report;
    },
    stats: () => engine.stats(),
  };
}
