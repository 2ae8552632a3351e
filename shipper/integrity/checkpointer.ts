import {
  checkpointId,
  type Checkpoint,
  type CheckpointKind,
  type Predecessor,
} from '../../opensearch/integrity/checkpoint.ts';
import { signCheckpoint, type SigningKey } from '../../opensearch/integrity/signing-key.ts';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { CheckpointFile } from './checkpoint-file.ts';
import type { ChainHead, RecordChain } from './record-chain.ts';

export interface CheckpointerDeps {
  readonly client: OpenSearchClient;
  /** `<prefix>-checkpoints`. */
  readonly index: string;
  readonly chain: RecordChain;
  readonly key: SigningKey;
  /** The copy beside the spool; null without a spool directory. */
  readonly file: CheckpointFile | null;
  readonly clock: Clock;
  readonly warn: (message: string) => void;
  /**
   * Resolves once every record logged before the call is delivered, spooled or otherwise settled:
   * a checkpoint vouches only for records that outlive a kill of the process, so what a kill loses
   * lies after the last checkpoint ("unverifiable"), never inside it ("missing").
   */
  readonly settled: () => Promise<void>;
}

export interface CheckpointerOptions {
  readonly producerId: string;
  /** Default 1 000: a checkpoint after this many records. */
  readonly checkpointRecords: number;
  /** Default 10 000 ms: a checkpoint this long after the last one, when records came since. */
  readonly checkpointIntervalMs: number;
  readonly requestTimeoutMs: number;
  readonly predecessor: Predecessor | null;
}

export interface Checkpointer {
  /** Call after each record is linked: checkpoints when `checkpointRecords` have come since the last. */
  recorded(): void;
  /** After the engine has closed: writes the `final` checkpoint and waits (within `timeoutMs`) for every checkpoint to be written. Idempotent. */
  close(timeoutMs: number): Promise<void>;
}

/** Unsent checkpoints kept for the cluster; older ones are in the file beside the spool. */
const MAX_UNSENT = 1_000;

/**
 * Signs where the producer's chain stands (genesis at start, every N records or T ms, final at
 * close) and writes it twice: synced into the file beside the spool, and into the cluster with
 * `create` (a retry that finds it there is done). A checkpoint the cluster does not take is sent
 * again with the next one. Never throws into the log call: failures are warnings.
 */
export function createCheckpointer(deps: CheckpointerDeps, options: CheckpointerOptions): Checkpointer {
  const unsent: Checkpoint[] = [];
  let sending: Promise<void> | null = null;
  let fileWrites: Promise<void> = Promise.resolve();
  let closed: Promise<void> | null = null;
  /** The checkpoint waiting for its records to settle; one at a time. */
  let waiting: Promise<void> | null = null;

  /** Takes the chain's head now and writes the checkpoint once the records up to it have settled. */
  const due = () => {
    if (waiting) return;
    const head = deps.chain.head();
    const indices = deps.chain.takeIndexCounts();
    waiting = deps.settled().then(() => {
      write('periodic', head, indices);
      waiting = null;
      // Records logged while this one waited may already make the next one due.
      if (!closed && deps.chain.pending() >= options.checkpointRecords) due();
    });
  };

  const take = (kind: CheckpointKind) => write(kind, deps.chain.head(), deps.chain.takeIndexCounts());

  const write = (kind: CheckpointKind, head: ChainHead, indices: Record<string, number>) => {
    const checkpoint = signCheckpoint(
      {
        producer_id: options.producerId,
        kind,
        seq: head.seq,
        hash: head.hash,
        indices,
        at: new Date(deps.clock.now()).toISOString(),
        ...(kind === 'genesis' && options.predecessor ? { predecessor: options.predecessor } : {}),
        key_id: deps.key.keyId,
      },
      deps.key,
    );
    if (deps.file) {
      fileWrites = deps.file.append(checkpoint).catch((error: unknown) => {
        deps.warn(`synclog: checkpoint file ${deps.file?.path}: ${String(error)}`);
      });
    }
    unsent.push(checkpoint);
    if (unsent.length > MAX_UNSENT) unsent.splice(0, unsent.length - MAX_UNSENT);
    kick();
  };

  /** Starts sending unless a send runs; one that ends while checkpoints wait starts again, unless it failed. */
  const kick = () => {
    if (sending) return;
    sending = send().then((ok) => {
      sending = null;
      if (ok && unsent.length > 0) kick();
    });
  };

  /** Sends the unsent checkpoints in order; false when the cluster refused one (it is kept for the next try). */
  async function send(): Promise<boolean> {
    while (unsent.length > 0) {
      const checkpoint = unsent[0]!;
      try {
        await deps.client.index(
          { index: deps.index, id: checkpointId(checkpoint), op_type: 'create', body: checkpoint } as never,
          { requestTimeout: options.requestTimeoutMs },
        );
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 409) {
          deps.warn(`synclog: checkpoint not written to ${deps.index} (sent again with the next): ${String(error)}`);
          return false;
        }
      }
      unsent.shift();
    }
    return true;
  }

  let timer: unknown;
  const tick = () => {
    if (deps.chain.pending() > 0) due();
    else if (unsent.length > 0) kick();
    timer = deps.clock.setTimeout(tick, options.checkpointIntervalMs);
  };
  timer = deps.clock.setTimeout(tick, options.checkpointIntervalMs);
  take('genesis');

  return {
    recorded() {
      if (deps.chain.pending() >= options.checkpointRecords) due();
    },
    close(timeoutMs) {
      closed ??= (async () => {
        deps.clock.clearTimeout(timer);
        // After the engine has closed: every record is settled, so the last checkpoint waits no more.
        await waiting;
        take('final');
        const settle = async () => {
          await fileWrites;
          while (sending) await sending;
          if (unsent.length > 0) await send();
        };
        let timeout: NodeJS.Timeout | undefined;
        await Promise.race([
          settle(),
          new Promise<void>((resolve) => {
            timeout = setTimeout(() => {
              deps.warn(`synclog: ${unsent.length} checkpoint(s) not written to ${deps.index} before close`);
              resolve();
            }, timeoutMs);
            timeout.unref();
          }),
        ]);
        clearTimeout(timeout);
      })();
      return closed;
    },
  };
}
