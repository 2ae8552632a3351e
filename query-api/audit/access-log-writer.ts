import { randomUUID } from 'node:crypto';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { createDocumentWriter } from '../../shipper/index.ts';
import type { AccessEntry } from './access-log.ts';

export interface AccessLogWriter {
  /**
   * Keeps one access. With a write-ahead log the entry is on disk when this resolves and is
   * indexed in the background (a crash loses nothing: the next writer replays it); without one it
   * is indexed before this resolves. Rejects when the entry cannot be kept.
   */
  write(entry: AccessEntry): Promise<void>;
  /** Resolves once everything written so far is indexed (or, while OpenSearch is down, spooled to disk). */
  flush(): Promise<void>;
  /** Flushes and closes the write-ahead log. Idempotent. */
  close(): Promise<void>;
}

/** Accesses are answered one by one: a short interval keeps the log close behind the requests. */
const FLUSH_MS = 200;
const MAX_QUEUED = 50_000;

/**
 * The access log, written off the request path through the shipper's delivery engine: each entry
 * goes to a write-ahead log first (under `walDir`), then to OpenSearch in bounded batches as a
 * `create` with a fixed id (a retry or a replay never duplicates it), with backoff, the outage
 * spool and crash replay. Entries are only ever created, never indexed over: OpenSearch refuses a
 * `create` under an id it holds (409), so no write, retry or replay can change a stored entry.
 * A full queue makes callers wait, never drops.
 */
export function createAccessLogWriter(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  walDir: string | null;
  producerId: string;
  onError?: (error: unknown) => void;
  /** Each entry's `_id`. Default a random UUID: unique, so a `create` under it only ever meets a replay of itself. */
  newId?: () => string;
}): AccessLogWriter {
  const onError = deps.onError ?? (() => {});
  const newId = deps.newId ?? randomUUID;
  const writer = createDocumentWriter({
    client: deps.client,
    producerId: deps.producerId,
    spoolDir: deps.walDir,
    indexPrefix: deps.names.prefix,
    flushIntervalMs: FLUSH_MS,
    maxQueueRecords: MAX_QUEUED,
    onEvent(event) {
      if (event.type === 'warning') onError(new Error(event.message));
      else if (event.type === 'dead-letter') onError(new Error(`access log entry refused: ${event.reason}`));
    },
  });
  return {
    write: (entry) => writer.writeDurable({ index: deps.names.accessLog, id: newId(), document: { ...entry } }),
    flush: async () => {
      await writer.flush();
    },
    close: async () => {
      await writer.close();
    },
  };
}
