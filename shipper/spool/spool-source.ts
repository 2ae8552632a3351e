import { join } from 'node:path';
import { segmentFileName } from './segment-file.ts';

/** A producer directory the spool replays from or writes to: its own, or an orphan it claimed. */
export interface SpoolSource {
  /** The producer that wrote the segments (the directory name up to any `~` suffix). */
  readonly producerId: string;
  readonly dir: string;
  /** When that producer started: older producers are replayed first. 0 when unknown. */
  readonly startedAt: number;
  readonly own: boolean;
  /** The ownership generation this spool holds, to release it at close. */
  readonly generation: number;
  /** Segments still on disk, by number. */
  readonly segments: Map<number, SegmentEntry>;
}

export interface SegmentEntry {
  readonly source: SpoolSource;
  readonly segment: number;
  bytes: number;
  records: number;
  /** Write-ahead acknowledgements so far. */
  acked: number;
  /** Nothing more will be written to it: it may be replayed, acknowledged away or evicted. */
  sealed: boolean;
  /** Handed out by `takeForReplay()` and not yet done or released. */
  handedOut: boolean;
}

export function addSegment(source: SpoolSource, segment: number, sealed: boolean): SegmentEntry {
  const entry: SegmentEntry = { source, segment, bytes: 0, records: 0, acked: 0, sealed, handedOut: false };
  source.segments.set(segment, entry);
  return entry;
}

export const segmentPath = (entry: SegmentEntry) => join(entry.source.dir, segmentFileName(entry.segment));

/** Records in a segment not yet acknowledged. */
export const pendingRecords = (entry: SegmentEntry) => Math.max(0, entry.records - entry.acked);

/** Replay order: by producer start, then producer id (a stable tie-break), then segment number. */
export function replaysBefore(a: SegmentEntry, b: SegmentEntry): boolean {
  if (a.source.startedAt !== b.source.startedAt) return a.source.startedAt < b.source.startedAt;
  if (a.source.producerId !== b.source.producerId) return a.source.producerId < b.source.producerId;
  return a.segment < b.segment;
}

/** Totals over the given sources. */
export function sourceDepth(sources: Iterable<SpoolSource>): { bytes: number; records: number; segments: number } {
  let bytes = 0;
  let records = 0;
  let segments = 0;
  for (const source of sources) {
    for (const entry of source.segments.values()) {
      bytes += entry.bytes;
      records += pendingRecords(entry);
      segments += 1;
    }
  }
  return { bytes, records, segments };
}
