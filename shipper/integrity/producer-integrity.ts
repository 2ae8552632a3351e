import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import { claimPredecessor, openCheckpointFile } from './checkpoint-file.ts';
import { createCheckpointer, type Checkpointer } from './checkpointer.ts';
import { producerSigningKey } from './producer-signing-key.ts';
import { createRecordChain, type EncodeDocument } from './record-chain.ts';

export interface ProducerIntegrityOptions {
  readonly producerId: string;
  readonly producerName: string;
  readonly spoolDir: string | false;
  readonly signingKeyFile?: string | undefined;
  readonly checkpointRecords: number;
  readonly checkpointIntervalMs: number;
  readonly requestTimeoutMs: number;
}

export interface ProducerIntegrity {
  /** Links the record (sets `chain_prev`) as the producer's record `seq`, stored in `index`. */
  link(record: Record<string, unknown>, seq: number, index: string, encode?: EncodeDocument): void;
  /** Writes the final checkpoint; waits at most `timeoutMs` for the cluster to take it. */
  close(timeoutMs: number): Promise<void>;
}

/**
 * The producer's side of tamper evidence: every record linked to the one before it, and signed
 * checkpoints of the chain, in the cluster and beside the spool. A producer that restarts on the same
 * spool names the one before it, so verify follows a service across restarts. Without a key
 * (no spool directory and no `signingKeyFile`) records are still chained, but no checkpoint vouches
 * for them; that is said once, as a warning.
 */
export function createProducerIntegrity(
  deps: {
    client: OpenSearchClient;
    index: string;
    clock: Clock;
    warn: (message: string) => void;
    /** The delivery engine's `settled()`. */
    settled: () => Promise<void>;
  },
  options: ProducerIntegrityOptions,
): ProducerIntegrity {
  const chain = createRecordChain();
  const key = producerSigningKey(options);
  let checkpointer: Checkpointer | null = null;
  if (!key.ok) {
    deps.warn(`synclog: records are chained but checkpoints are not signed: ${key.reason}`);
  } else {
    if (key.created) deps.warn(`synclog: created checkpoint signing key ${key.source} (give the auditor its .pub.pem)`);
    const { spoolDir } = options;
    let file = null;
    let predecessor = null;
    if (spoolDir !== false) {
      try {
        predecessor = claimPredecessor(spoolDir, options.producerName, options.producerId);
        file = openCheckpointFile(spoolDir, options.producerId, deps.clock.now());
      } catch (error) {
        deps.warn(`synclog: checkpoints are not kept beside the spool: ${String(error)}`);
      }
    }
    checkpointer = createCheckpointer({ ...deps, chain, key: key.key, file }, { ...options, predecessor });
  }
  return {
    link(record, seq, index, encode) {
      chain.link(record, seq, index, encode);
      checkpointer?.recorded();
    },
    close: (timeoutMs) => checkpointer?.close(timeoutMs) ?? Promise.resolve(),
  };
}
