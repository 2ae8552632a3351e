import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import TransportStream from 'winston-transport';
import {
  connectionFromEnv,
  createOpenSearchClient,
  type OpenSearchClient,
} from '../../opensearch/client/create-client.ts';
import { connectionEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import { createDeadLetterSink } from '../delivery/dead-letter-sink.ts';
import { createShipper, type CloseReport, type Shipper, type ShipperEvent } from '../delivery/create-shipper.ts';
import type { FlushReport } from '../delivery/flush-epochs.ts';
import { createShipperMetrics } from '../metrics/shipper-metrics.ts';
import { withCallContext } from './call-context.ts';
import { readSetupDrift } from './setup-drift.ts';
import type { SyncMetrics } from '../metrics/sync-metrics.ts';
import { personalDataOf } from '../options/personal-data-option.ts';
import { resolveShipperOptions, ShipperOptionsError, type ShipperOptionsInput } from '../options/shipper-options.ts';
import { createDiskSpool } from '../spool/index.ts';

export interface OpenSearchTransportOptions extends ShipperOptionsInput {
  /** An OpenSearch client; default: one built from `OPENSEARCH_URL` and friends (the transport never starts a node). */
  readonly client?: OpenSearchClient;
  /** Where the transport's metrics go; default a private registry (see `transport.registry`). */
  readonly registry?: Registry;
  /** winston-transport options. */
  readonly level?: string;
  readonly format?: TransportStream.TransportStreamOptions['format'];
  readonly clock?: Clock;
  /**
   * Sync metrics (`createSyncMetrics`) in which every stored operation record is counted, plain
   * winston calls included; records a sync logger counted in them already are not counted again.
   */
  readonly syncMetrics?: SyncMetrics;
}

const TRANSPORT_KEYS = new Set(['client', 'registry', 'level', 'format', 'clock', 'syncMetrics']);

/**
 * A winston transport that delivers every record exactly once into synclog's event-time indices.
 * `log()` never blocks and never throws; failures are named events (`dropped`, `dead-letter`,
 * `outage`, `warning`, …) and metrics, never `'error'`, which would crash an app without a listener.
 */
export class OpenSearchTransport extends TransportStream {
  readonly registry: Registry;
  readonly producerId: string;
  readonly #shipper: Shipper;
  readonly #ownsClient: boolean;
  readonly #client: OpenSearchClient;

  constructor(input: OpenSearchTransportOptions) {
    super({ ...(input.level ? { level: input.level } : {}), ...(input.format ? { format: input.format } : {}) });
    const shipperInput = Object.fromEntries(
      Object.entries(input).filter(([k]) => !TRANSPORT_KEYS.has(k)),
    ) as ShipperOptionsInput;
    const options = resolveShipperOptions(shipperInput, (message) => this.#warn(`synclog: ${message}`));
    const personalData = personalDataOf(options);
    this.producerId = `${options.producerName}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    this.#ownsClient = input.client === undefined;
    this.#client = input.client ?? clientFromEnvironment();
    this.registry = input.registry ?? new Registry();
    const names = indexNames(options.indexPrefix);
    const spoolBase = {
      maxBytes: options.maxSpoolBytes,
      segmentBytes: 16 * 1024 * 1024,
      fsync: options.spoolFsync,
      fsyncIntervalMs: 1_000,
      whenFull: options.spoolWhenFull,
      onError: (error: unknown) => this.#warn(`synclog: spool: ${String(error)}`),
    } as const;
    const metrics = createShipperMetrics(this.registry, options.metricsPrefix);
    const dir = options.spoolDir;
    this.#shipper = createShipper(
      {
        client: this.#client,
        metrics,
        deadLetters: createDeadLetterSink({
          client: this.#client,
          index: names.deadLetter,
          file: options.deadLetterFile ?? (dir ? join(dir, 'dead-letters.ndjson') : null),
          requestTimeoutMs: options.requestTimeoutMs,
          onError: (error) => this.#warn(`synclog: dead letters: ${String(error)}`),
        }),
        spool: dir
          ? createDiskSpool({
              ...spoolBase,
              dir,
              producerId: this.producerId,
              mode: 'spool',
              onDrop: (n, reason) => reason === 'evicted' && metrics.dropped(n, 'spool-evicted'),
            })
          : null,
        // Opened whenever there is a spool directory, so a write-ahead log a crashed process left
        // is replayed even by a process that does not write ahead itself.
        wal: dir
          ? createDiskSpool({
              ...spoolBase,
              dir: join(dir, 'write-ahead'),
              producerId: this.producerId,
              mode: 'wal',
              onDrop: () => {},
            })
          : null,
        emit: (event) => this.#emit(event),
        ...(input.clock ? { clock: input.clock } : {}),
        ...(input.syncMetrics ? { syncMetrics: input.syncMetrics } : {}),
        personalData,
      },
      { ...options, producerId: this.producerId },
    );
    void readSetupDrift(this.#client, names.meta, options).then((drift) =>
      drift.forEach((line) => this.#warn(`synclog: ${line}`)),
    );
  }

  override log(info: Record<string, unknown>, next: () => void): void {
    // winston buffers without limit while the callback is pending: call it at once.
    this.#shipper.log(withCallContext(info));
    next();
  }

  /** Resolves when everything logged so far is delivered (or spooled, dead-lettered, dropped: see the report). */
  flush(): Promise<FlushReport> {
    return this.#shipper.flush();
  }

  /**
   * Drains (default 10 s), spools the rest, and reports. winston-transport calls `close()` itself,
   * with no arguments, when the transport is removed: that path flushes too and never throws.
   */
  override close(options?: { timeoutMs?: number }): Promise<CloseReport> {
    const report = this.#shipper.close(options).then(async (result) => {
      if (this.#ownsClient) await this.#client.close().catch(() => {});
      return result;
    });
    report.catch(() => {});
    return report;
  }

  stats() {
    return this.#shipper.stats();
  }

  #emit(event: ShipperEvent) {
    if (event.type === 'warning') this.#warn(event.message);
    else this.emit(event.type, event);
  }

  #warn(message: string) {
    if (this.listenerCount('warning') > 0) this.emit('warning', { type: 'warning', message });
    else process.stderr.write(`${message}\n`);
  }
}

function clientFromEnvironment(): OpenSearchClient {
  const env = parseEnv(connectionEnvSchema, process.env);
  if (!env.OPENSEARCH_URL) {
    throw new ShipperOptionsError('OpenSearchTransport needs a `client` option or OPENSEARCH_URL in the environment');
  }
  return createOpenSearchClient(connectionFromEnv(env, env.OPENSEARCH_URL));
}
