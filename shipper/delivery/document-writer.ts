import { join } from 'node:path';
import { Registry } from 'prom-client';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import { createShipperMetrics } from '../metrics/shipper-metrics.ts';
import { resolveShipperOptions, type ShipperOptionsInput } from '../options/shipper-options.ts';
import { createDiskSpool } from '../spool/index.ts';
import { documentEntry } from './bulk-entry.ts';
import { CLOSE_TIMEOUT_MS, type CloseReport } from './closer.ts';
import { createDeadLetterSink } from './dead-letter-sink.ts';
import { createDeliveryEngine, type EngineOptions, type EngineStats } from './delivery-engine.ts';
import { existingIndexDestination } from './destination.ts';
import type { FlushReport } from './flush-epochs.ts';
import type { ShipperEvent } from './shipper-event.ts';

/** One document for an index that exists (or that the cluster creates on the first write). */
export interface DocumentToWrite {
  readonly index: string;
  /** The document `_id`, fixed by the writer: a retry or a replay after a crash never stores it twice. */
  readonly id: string;
  /** A JSON object, stored as it is (no record normalisation). */
  readonly document: Readonly<Record<string, unknown>>;
}

/** Bounds, batching and retry: the shipper's options of the same names, with the same defaults. */
export type DocumentWriterTuning = Pick<
  ShipperOptionsInput,
  | Exclude<keyof EngineOptions, 'writeAhead'>
  | 'indexPrefix'
  | 'maxSpoolBytes'
  | 'spoolFsync'
  | 'spoolWhenFull'
  | 'metricsPrefix'
>;

export interface DocumentWriterOptions extends DocumentWriterTuning {
  readonly client: OpenSearchClient;
  /** Names this writer's directories under `spoolDir` (`[A-Za-z0-9._-]+`, unique per process). Required. */
  readonly producerId: string;
  /**
   * Default none. With a directory, documents go to a write-ahead log before `writeDurable`
   * resolves, and to a spool during an outage; the next writer on the directory replays what a
   * crashed one left. Without one, `writeDurable` resolves once the document is indexed.
   */
  readonly spoolDir?: string | null;
  /** Named events (`delivered`, `dead-letter`, `outage`, `warning`, …). Default: warnings to stderr. */
  readonly onEvent?: (event: ShipperEvent) => void;
  /** Where the writer's metrics go (prefix default `synclog_documents_`); default a private registry. */
  readonly registry?: Registry;
  readonly clock?: Clock;
}

export interface DocumentWriter {
  /**
   * Resolves once the document is kept: in the write-ahead log with a spool directory (delivery
   * continues in the background), indexed without one. Waits while the queue is full; rejects when
   * the writer is closed, the cluster refused the document (it is kept as a dead letter), or it is
   * down and there is no spool directory.
   */
  writeDurable(document: DocumentToWrite): Promise<void>;
  /** Delivers what was written before the call, then what waits on disk (within `timeoutMs`, default 10 000) while the cluster is up. */
  flush(options?: { timeoutMs?: number }): Promise<FlushReport>;
  /** Flushes (within `timeoutMs`, default 10 000), spools what is left, closes the files. Idempotent. */
  close(options?: { timeoutMs?: number }): Promise<CloseReport>;
  stats(): EngineStats;
}

/**
 * The delivery engine for documents that are not sync log records (an access log, say): the
 * same bounded queue, batching, backoff, outage probe, spool replay and dead letters, without
 * record normalisation or event-time indices.
 */
export function createDocumentWriter(input: DocumentWriterOptions): DocumentWriter {
  const { client, producerId, spoolDir = null, registry, clock } = input;
  const emit =
    input.onEvent ?? ((event: ShipperEvent) => event.type === 'warning' && process.stderr.write(`${event.message}\n`));
  const warn = (message: string) => emit({ type: 'warning', message });
  const options = resolveShipperOptions({ service: 'documents', ...tuningOf(input), spoolDir: false }, warn);
  const names = indexNames(options.indexPrefix);
  const metrics = createShipperMetrics(registry ?? new Registry(), input.metricsPrefix ?? 'synclog_documents_');
  const onError = (error: unknown) => warn(`synclog: spool: ${String(error)}`);
  const spoolBase = {
    producerId,
    maxBytes: options.maxSpoolBytes,
    fsync: options.spoolFsync,
    whenFull: options.spoolWhenFull,
    onError,
  } as const;
  const engine = createDeliveryEngine(
    {
      client,
      metrics,
      emit,
      deadLetters: createDeadLetterSink({
        client,
        index: names.deadLetter,
        file: spoolDir ? join(spoolDir, 'dead-letters.ndjson') : null,
        requestTimeoutMs: options.requestTimeoutMs,
        onError,
      }),
      spool: spoolDir
        ? createDiskSpool({
            ...spoolBase,
            dir: spoolDir,
            mode: 'spool',
            onDrop: (n, why) => why === 'evicted' && metrics.dropped(n, 'spool-evicted'),
          })
        : null,
      wal: spoolDir ? createDiskSpool({ ...spoolBase, dir: join(spoolDir, 'write-ahead'), mode: 'wal' }) : null,
      destination: existingIndexDestination(),
      probeIndex: names.meta,
      ...(clock ? { clock } : {}),
    },
    options,
  );

  return {
    async writeDurable({ index, id, document }) {
      if (
        typeof index !== 'string' ||
        index === '' ||
        typeof id !== 'string' ||
        id === '' ||
        typeof document !== 'object' ||
        document === null ||
        Array.isArray(document)
      ) {
        throw new TypeError('writeDurable expects { index, id, document }: two non-empty strings and a JSON object');
      }
      await engine.writeDurable(documentEntry(index, id, document, engine.epoch));
    },
    async flush(flushOptions = {}) {
      const report = await engine.flush();
      await engine.drainSpool(flushOptions.timeoutMs ?? CLOSE_TIMEOUT_MS);
      return report;
    },
    close: (closeOptions) => engine.close(closeOptions),
    stats: () => engine.stats(),
  };
}

function tuningOf(input: DocumentWriterOptions): DocumentWriterTuning {
  const { client, producerId, spoolDir, onEvent, registry, clock, ...tuning } = input;
  return tuning;
}
