import { readFile, rm } from 'node:fs/promises';
import { claimOrphans } from './orphan-scan.ts';
import { removeProducerDir, type Owner } from './producer-ownership.ts';
import { completePairs } from './segment-file.ts';
import type { SegmentWriter } from './segment-writer.ts';
import type { ResolvedSpoolOptions } from './spool-options.ts';
import { replaysBefore, segmentPath, type SegmentEntry, type SpoolSource } from './spool-source.ts';

/** One segment to deliver. Until `done()` or `release()` no other `takeForReplay()` returns it. */
export interface ReplaySegment {
  readonly producerId: string;
  readonly segment: number;
  /** The segment's complete line pairs; a line torn by a crash is left out. */
  readonly lines: Buffer;
  readonly records: number;
  /** Delivered: deletes the file, and an orphan's directory once nothing is left in it. */
  done(): Promise<void>;
  /** Not delivered after all: it will be handed out again, first. */
  release(): void;
}

export interface SegmentReplay {
  takeForReplay(): Promise<ReplaySegment | null>;
  /** Resolves when no orphan scan is running, so that close() can release everything claimed. */
  settled(): Promise<void>;
}

export interface SegmentReplayDeps {
  readonly root: string;
  readonly self: Owner;
  readonly own: SpoolSource;
  /** Every source by directory, the own one included; orphans are added here as they are claimed. */
  readonly sources: Map<string, SpoolSource>;
  readonly writer: SegmentWriter;
  readonly isClosed: () => boolean;
  readonly report: (error: unknown) => void;
}

export function createSegmentReplay(deps: SegmentReplayDeps, options: ResolvedSpoolOptions): SegmentReplay {
  const { own, sources, report } = deps;
  let scanning: Promise<void> | null = null;
  let lastScan = -Infinity;

  function scanIfDue(): Promise<void> {
    if (!scanning && options.now() - lastScan >= options.orphanScanIntervalMs) {
      lastScan = options.now();
      const found = claimOrphans({
        root: deps.root,
        ownDirName: own.producerId,
        self: deps.self,
        isKnown: (dir) => sources.has(dir),
        onError: report,
      });
      scanning = found
        .then((claimed) => {
          for (const source of claimed) {
            sources.set(source.dir, source);
            if (source.segments.size === 0) retire(source);
          }
        })
        .finally(() => (scanning = null));
    }
    return scanning ?? Promise.resolve();
  }

  function next(): SegmentEntry | null {
    let best: SegmentEntry | null = null;
    for (const source of sources.values()) {
      // Write-ahead segments are delivered from memory and acknowledged; only orphans are replayed.
      if (source.own && options.mode === 'wal') continue;
      for (const entry of source.segments.values()) {
        if (entry.sealed && !entry.handedOut && (!best || replaysBefore(entry, best))) best = entry;
      }
    }
    return best;
  }

  async function read(entry: SegmentEntry): Promise<{ lines: Buffer; records: number } | null> {
    try {
      const data = await readFile(segmentPath(entry));
      const { end, records } = completePairs(data);
      return { lines: data.subarray(0, end), records };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: Buffer.alloc(0), records: 0 };
      report(error);
      return null;
    }
  }

  async function finish(entry: SegmentEntry): Promise<void> {
    entry.source.segments.delete(entry.segment);
    try {
      await rm(segmentPath(entry), { force: true });
    } catch (error) {
      report(error);
    }
    // After close the claim is released and another process may be replaying the rest.
    if (!entry.source.own && entry.source.segments.size === 0 && !deps.isClosed()) retire(entry.source);
  }

  function retire(source: SpoolSource): void {
    sources.delete(source.dir);
    try {
      removeProducerDir(source.dir);
    } catch (error) {
      report(error);
    }
  }

  function handOut(entry: SegmentEntry, content: { lines: Buffer; records: number }): ReplaySegment {
    let settled = false;
    return {
      producerId: entry.source.producerId,
      segment: entry.segment,
      ...content,
      async done() {
        if (settled) return;
        settled = true;
        await finish(entry);
      },
      release() {
        if (settled) return;
        settled = true;
        entry.handedOut = false;
      },
    };
  }

  async function takeForReplay(): Promise<ReplaySegment | null> {
    if (deps.isClosed()) return null;
    await scanIfDue();
    for (;;) {
      if (deps.isClosed()) return null;
      let entry = next();
      if (!entry && options.mode === 'spool' && deps.writer.open()) {
        deps.writer.seal();
        entry = next();
      }
      if (!entry) return null;
      entry.handedOut = true;
      const content = await read(entry);
      if (content && content.records > 0) return handOut(entry, content);
      if (content)
        await finish(entry); // only a torn remnant, or already gone
      else entry.source.segments.delete(entry.segment); // unreadable: left on disk for a later process
    }
  }

  return { takeForReplay, settled: () => scanning ?? Promise.resolve() };
}
