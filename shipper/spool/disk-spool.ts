import { unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { claimGeneration, ownerForThisProcess, removeProducerDir } from './producer-ownership.ts';
import { takeOwnDirectory } from './own-directory.ts';
import { makeRoom } from './make-room.ts';
import { createSegmentReplay, type ReplaySegment } from './segment-replay.ts';
import { createSegmentWriter } from './segment-writer.ts';
import { resolveSpoolOptions, type DiskSpoolOptions, type DropReason, type RefusedReason } from './spool-options.ts';
import {
  addSegment,
  pendingRecords,
  segmentPath,
  sourceDepth,
  type SegmentEntry,
  type SpoolSource,
} from './spool-source.ts';

export type AppendResult =
  | { readonly ok: true; readonly segment: number }
  | { readonly ok: false; readonly dropped: number; readonly reason: RefusedReason };

export interface SpoolDepth {
  readonly bytes: number;
  /** Not yet replayed (or, for write-ahead segments, not yet acknowledged). */
  readonly records: number;
  readonly segments: number;
}

export interface SpoolStats {
  /** Every record refused by `append()` or evicted by `drop-oldest`. */
  readonly droppedRecords: number;
  /** Every error passed to `onError`. */
  readonly errors: number;
}

export interface DiskSpool {
  /**
   * Synchronous, for the application's log path: `lines` (complete bulk line pairs) is in the
   * page cache when this returns. Past `maxBytes`, `drop-newest` refuses the batch and
   * `drop-oldest` first deletes this producer's oldest segments not being replayed (counted as
   * `evicted`; in write-ahead mode their records may still be in memory and delivered).
   */
  append(lines: Buffer | string, records: number): AppendResult;
  /** Write-ahead mode: a sealed segment is deleted once all its records are acknowledged. Ignored in spool mode. */
  acknowledge(segment: number, records: number): void;
  /**
   * The oldest segment to deliver, by producer start then segment number: orphans (directories
   * whose process is gone) in both modes and, in spool mode, this producer's sealed segments (the
   * open one is sealed when nothing else is left). Null when there is nothing to replay. Looks
   * for orphans on the first call, then at most every `orphanScanIntervalMs`. Never rejects.
   */
  takeForReplay(): Promise<ReplaySegment | null>;
  /** This producer and the orphans it claimed, until replayed or acknowledged. */
  depth(): SpoolDepth;
  stats(): SpoolStats;
  /**
   * Seals (synced unless `fsync` is `never`) and lets go of every directory: its own is removed
   * when nothing is left in it, otherwise released for the next spool to replay, in this process or
   * another. Idempotent; never rejects.
   */
  close(): Promise<void>;
}

/** Opens this producer's spool under `options.dir`; throws only for invalid options or an unusable directory. */
export function createDiskSpool(options: DiskSpoolOptions): DiskSpool {
  const o = resolveSpoolOptions(options);
  const root = resolve(o.dir);
  const self = ownerForThisProcess(o.producerId, o.now());
  const own: SpoolSource = {
    producerId: o.producerId,
    dir: takeOwnDirectory(root, self),
    startedAt: self.startedAt,
    own: true,
    generation: 0,
    segments: new Map(),
  };
  const sources = new Map<string, SpoolSource>([[own.dir, own]]);
  let droppedRecords = 0;
  let errors = 0;
  let closed = false;
  let closing: Promise<void> | null = null;

  // A throwing handler must not turn into a failed append or an unhandled rejection.
  const report = (error: unknown) => {
    errors += 1;
    try {
      o.onError(error);
    } catch {
      // The error handler failing leaves nowhere better to report to.
    }
  };
  const drop = (records: number, reason: DropReason) => {
    droppedRecords += records;
    try {
      o.onDrop(records, reason);
    } catch (error) {
      report(error);
    }
  };
  const refuse = (records: number, reason: RefusedReason): AppendResult => {
    drop(records, reason);
    return { ok: false, dropped: records, reason };
  };

  const writer = createSegmentWriter({ onSealed, onError: report }, { ...o, dir: own.dir, firstSegment: 1 });
  const replay = createSegmentReplay({ root, self, own, sources, writer, isClosed: () => closed, report }, o);

  function onSealed(segment: number) {
    const entry = own.segments.get(segment);
    if (!entry) return;
    entry.sealed = true;
    if (o.mode === 'wal' && entry.acked >= entry.records) deleteOwn(entry);
  }

  function deleteOwn(entry: SegmentEntry) {
    own.segments.delete(entry.segment);
    try {
      unlinkSync(segmentPath(entry));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report(error);
    }
  }

  function evict(entry: SegmentEntry) {
    if (!entry.sealed) writer.seal(); // the open segment comes last: reached only when the sealed ones were not enough
    const records = pendingRecords(entry);
    deleteOwn(entry);
    if (records > 0) drop(records, 'evicted');
  }

  function append(lines: Buffer | string, records: number): AppendResult {
    if (closed) return refuse(records, 'closed');
    const data = typeof lines === 'string' ? Buffer.from(lines, 'utf8') : lines;
    // A batch without its final newline would glue itself to the next one and break every pair after it.
    if (data.at(-1) !== 0x0a) return refuse(records, 'malformed');
    if (!makeRoom(own, data.length, o, evict)) return refuse(records, 'full');
    let segment: number;
    try {
      segment = writer.append(data);
    } catch (error) {
      report(error);
      return refuse(records, 'io-error');
    }
    const entry = own.segments.get(segment) ?? addSegment(own, segment, false);
    entry.bytes += data.length;
    entry.records += records;
    return { ok: true, segment };
  }

  function acknowledge(segment: number, records: number): void {
    const entry = own.segments.get(segment);
    if (o.mode !== 'wal' || !entry) return;
    entry.acked += records;
    if (entry.sealed && entry.acked >= entry.records) deleteOwn(entry);
  }

  async function shutDown(): Promise<void> {
    closed = true;
    await replay.settled(); // a scan still running would otherwise keep its claims
    try {
      writer.close();
    } catch (error) {
      report(error);
    }
    for (const source of sources.values()) {
      try {
        if (source.own && source.segments.size === 0) removeProducerDir(source.dir);
        // Released, the directory is an orphan for the next spool (in this process or another) although this pid lives on.
        else claimGeneration(source.dir, source.generation + 1, { ...self, released: true });
      } catch (error) {
        report(error);
      }
    }
  }

  return {
    append,
    acknowledge,
    takeForReplay: () => replay.takeForReplay(),
    depth: () => sourceDepth(sources.values()),
    stats: () => ({ droppedRecords, errors }),
    close: () => (closing ??= shutDown()),
  };
}
