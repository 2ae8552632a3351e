import type { DeadLetter, DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import { createAdmission } from './admission.ts';
import type { BulkEntry } from './bulk-entry.ts';
import { createCloser, type CloseReport } from './closer.ts';
import { createDurableWrite } from './durable-write.ts';
import { assembleEngineParts, type EngineDeps, type EngineOptions, type EngineParts } from './engine-parts.ts';
import type { FlushReport } from './flush-epochs.ts';
import { keepAlive } from './keep-alive.ts';

export interface EngineStats {
  queued: number;
  queuedBytes: number;
  inFlight: number;
  outage: boolean;
  spool: { records: number; bytes: number };
}

/** Entries for any index in, bulk requests out, with every bound and guarantee of the shipper. */
export interface DeliveryEngine {
  /** The `flush()` epoch an entry made now belongs to. */
  readonly epoch: number;
  /** Queues an entry (to the write-ahead log first in write-ahead mode). Never blocks on I/O, never throws. */
  enqueue(entry: BulkEntry): void;
  /** Queues an entry and resolves once it is kept (see `createDurableWrite`). */
  writeDurable(entry: BulkEntry): Promise<void>;
  /** A record refused before it was queued: kept as a dead letter, counted towards the current flush. */
  deadLetterAtCall(letter: DeadLetter & { reason_code: DeadLetterReason }): void;
  /** Resolves when every entry queued before the call is delivered, spooled, dead-lettered (letter written) or dropped. */
  flush(): Promise<FlushReport>;
  /** Like `flush()` but without hurrying a batch or taking counts from its report: resolves once what was queued before has settled. */
  settled(): Promise<void>;
  /** Delivers what waits in the spool and in crashed producers' logs, while the cluster is up, within `timeoutMs`. */
  drainSpool(timeoutMs: number): Promise<void>;
  /** Flushes (within `timeoutMs`, default 10 000), spools what is left, releases timers and files. Idempotent. */
  close(options?: { timeoutMs?: number }): Promise<CloseReport>;
  stats(): EngineStats;
}

/** The composition root of the delivery engine; the parts and their wiring are in `engine-parts.ts`. */
export function createDeliveryEngine(deps: EngineDeps, options: EngineOptions): DeliveryEngine {
  const parts = assembleEngineParts(deps, options);
  const { epochs, queue, batcher, replay, isOutage } = parts;
  const { spool, wal } = deps;

  function flush(): Promise<FlushReport> {
    // Settled records include dead letters: the report waits until they are written too.
    const done = epochs.close().then(async (report) => (await deps.deadLetters.flush(), report));
    batcher.pump(true);
    return keepAlive(done);
  }
  const closer = createEngineCloser(parts, deps, flush);
  const admission = createAdmission({
    queue,
    limits: parts.limits,
    settlement: parts.settlement,
    epochs,
    metrics: deps.metrics,
    pump: (urgent) => batcher.pump(urgent),
    spool,
    wal,
    writeAhead: options.writeAhead,
    isClosed: () => closer.closed,
    warn: parts.warn,
  });
  const writeDurable = createDurableWrite({
    queue,
    wal,
    isOutage,
    isClosed: () => closer.closed,
    admit: (entry, urgent) => (admission.count(entry), admission.admit(entry, urgent)),
  });

  deps.metrics.watchDepth(() => ({
    queue: { records: queue.length, bytes: queue.bytes },
    spool: spool?.depth() ?? { records: 0, bytes: 0 },
  }));
  // A spool left by a crashed process is replayed before anything else.
  if (replay.mayHaveWork) parts.clock.setTimeout(() => batcher.pump(false), 0);

  return {
    get epoch() {
      return epochs.current;
    },
    enqueue: (entry) => admission.enqueue(entry),
    writeDurable,
    deadLetterAtCall: (letter) => parts.deadLettering.atCall(letter),
    flush,
    settled: () => epochs.mark(),
    drainSpool: (timeoutMs) => keepAlive(replay.drain(timeoutMs)),
    close: (closeOptions) => closer.close(closeOptions),
    stats() {
      const depth = spool?.depth() ?? { records: 0, bytes: 0 };
      return {
        queued: queue.length,
        queuedBytes: queue.bytes,
        inFlight: batcher.inFlight,
        outage: isOutage(),
        spool: { records: depth.records, bytes: depth.bytes },
      };
    },
  };
}

/** Close: what is still queued at the timeout goes to the spool (or is lost without one), then timers and files are let go. */
function createEngineCloser(parts: EngineParts, deps: EngineDeps, flush: () => Promise<FlushReport>) {
  const { queue, settlement, batcher, replay } = parts;
  return createCloser({
    clock: parts.clock,
    flush,
    beginClosing: () => (parts.state.closing = true),
    abandonQueue() {
      const left = queue.takeAll();
      settlement.setAside(left, 'closing');
      return deps.spool ? 0 : left.length;
    },
    drainSpool: (timeoutMs) => replay.drain(timeoutMs),
    isOutage: parts.isOutage,
    async release() {
      batcher.stop();
      await deps.deadLetters.flush();
      await deps.wal?.close();
      await deps.spool?.close();
    },
  });
}

export type { EngineDeps, EngineOptions };
