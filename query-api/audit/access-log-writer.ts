import { randomUUID } from 'node:crypto';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { entriesFromLines, type BulkEntry } from '../../shipper/delivery/bulk-entry.ts';
import { sendBulk } from '../../shipper/delivery/send-bulk.ts';
import { createDiskSpool, type DiskSpool } from '../../shipper/spool/index.ts';
import type { AccessEntry } from './access-log.ts';

export interface AccessLogWriter {
  /**
   * Keeps one access. With a write-ahead log the entry is on disk when this resolves and is
   * indexed in the background (a crash loses nothing: the next writer replays it); without one it
   * is indexed before this resolves.
   */
  write(entry: AccessEntry): Promise<void>;
  /** Resolves once everything written so far is indexed. */
  flush(): Promise<void>;
  /** Flushes and closes the write-ahead log. Idempotent. */
  close(): Promise<void>;
}

const FLUSH_MS = 200;
const MAX_QUEUED = 50_000;

/**
 * The access log, written off the request path with the shipper's delivery guarantees: each entry
 * goes to a write-ahead log first (the shipper's disk spool), then to OpenSearch in bulk as a
 * `create` with a fixed id (a retry never duplicates it), and is acknowledged in the log once
 * indexed. Failed entries are retried; a full queue makes callers wait, never drops.
 */
export function createAccessLogWriter(deps: { client: OpenSearchClient; names: IndexNames; walDir: string | null; producerId: string; onError?: (error: unknown) => void }): AccessLogWriter {
  const { client, names } = deps;
  const onError = deps.onError ?? (() => {});
  if (deps.walDir === null) {
    return {
      async write(entry) {
        await client.index({ index: names.accessLog, body: entry as never });
      },
      flush: async () => {},
      close: async () => {},
    };
  }
  const wal: DiskSpool = createDiskSpool({ dir: deps.walDir, producerId: deps.producerId, mode: 'wal', onError });
  let queue: Array<{ entry: BulkEntry; segment: number }> = [];
  let sending: Promise<void> | null = null;
  let closed = false;
  const waiters: Array<() => void> = [];
  const timer = setInterval(() => void send(), FLUSH_MS).unref();

  async function sendBatch(entries: readonly BulkEntry[]): Promise<readonly BulkEntry[]> {
    const outcome = await sendBulk(client, entries, 30_000);
    if (outcome.kind !== 'items') return entries; // unreachable or refused as a whole: keep all for the next try
    for (const rejection of outcome.rejected) onError(new Error(`access log entry refused: ${rejection.reason}`));
    return [...outcome.retry, ...outcome.missingIndex];
  }

  async function send(): Promise<void> {
    if (sending || queue.length === 0) return sending ?? undefined;
    sending = (async () => {
      const batch = queue;
      queue = [];
      try {
        const left = new Set(await sendBatch(batch.map((q) => q.entry)));
        const kept = batch.filter((q) => left.has(q.entry));
        for (const q of batch) if (!left.has(q.entry)) wal.acknowledge(q.segment, 1);
        queue = [...kept, ...queue];
      } catch (error) {
        onError(error);
        queue = [...batch, ...queue];
      } finally {
        sending = null;
        while (queue.length < MAX_QUEUED && waiters.length > 0) waiters.shift()!();
      }
    })();
    return sending;
  }

  // A writer that crashed left entries in its log: deliver them first.
  const replayed = (async () => {
    for (let segment = await wal.takeForReplay(); segment; segment = await wal.takeForReplay()) {
      let left: readonly BulkEntry[] = entriesFromLines(segment.lines);
      for (let attempt = 0; left.length > 0 && attempt < 5; attempt++) left = await sendBatch(left).catch(() => left);
      if (left.length === 0) await segment.done();
      else segment.release();
    }
  })().catch(onError);

  return {
    async write(entry) {
      if (closed) throw new Error('the access log writer is closed');
      while (queue.length >= MAX_QUEUED) await new Promise<void>((resolve) => waiters.push(resolve));
      const lines = Buffer.from(`{"create":{"_index":${JSON.stringify(names.accessLog)},"_id":"${randomUUID()}"}}\n${JSON.stringify(entry)}\n`);
      const appended = wal.append(lines, 1);
      if (!appended.ok) {
        // No room on disk: keep the guarantee by indexing before answering.
        await client.index({ index: names.accessLog, body: entry as never });
        return;
      }
      const [bulk] = entriesFromLines(lines);
      queue.push({ entry: bulk!, segment: appended.segment });
    },
    async flush() {
      await replayed;
      while (queue.length > 0 || sending) {
        await send();
        if (queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      if (closed) return;
      await this.flush();
      closed = true;
      clearInterval(timer);
      await wal.close();
    },
  };
}
