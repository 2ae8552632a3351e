import { closeSync, fdatasync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FsyncPolicy } from './spool-options.ts';
import { segmentFileName } from './segment-file.ts';

/**
 * Appends to numbered segment files through one open descriptor, starting a new file before a
 * batch would take the open one past `segmentBytes`.
 *
 * Durability: `writeSync` returns once the bytes are in the kernel's page cache, and from then on
 * they survive the process being killed (SIGKILL, OOM, a crash): the kernel writes them out. Only
 * a power loss or kernel panic can lose them, and that is what fdatasync is for.
 */
export interface SegmentWriter {
  /** Writes all of `data`; returns the segment it went to. Throws on I/O failure, with the file cut back to its previous length when possible. */
  append(data: Buffer): number;
  /** Closes the open segment (synced unless `fsync` is `never`); nothing is ever written to it again. */
  seal(): void;
  /** The open segment's number and size, or null between a seal and the next append. */
  open(): { segment: number; bytes: number } | null;
  /** Seals and stops the fsync timer. */
  close(): void;
}

export interface SegmentWriterDeps {
  /** Called for every segment that is sealed, whoever sealed it. */
  readonly onSealed: (segment: number) => void;
  readonly onError: (error: unknown) => void;
}

export interface SegmentWriterOptions {
  readonly dir: string;
  readonly firstSegment: number;
  readonly segmentBytes: number;
  readonly fsync: FsyncPolicy;
  readonly fsyncIntervalMs: number;
}

export function createSegmentWriter(deps: SegmentWriterDeps, options: SegmentWriterOptions): SegmentWriter {
  let current: { segment: number; fd: number; bytes: number } | null = null;
  let nextSegment = options.firstSegment;
  let syncTimer: NodeJS.Timeout | null = null;

  const syncQuietly = (fd: number) => {
    try {
      fdatasyncSync(fd);
    } catch (error) {
      deps.onError(error);
    }
  };

  function openNext() {
    const segment = nextSegment++;
    const fd = openSync(join(options.dir, segmentFileName(segment)), 'a');
    // The new name must survive a power loss too, not only its contents.
    if (options.fsync === 'always') syncDirectory(options.dir, deps.onError);
    return (current = { segment, fd, bytes: 0 });
  }

  function scheduleSync() {
    if (syncTimer) return;
    syncTimer = setTimeout(() => {
      syncTimer = null;
      // Off the event loop: a synchronous fdatasync would stall every request and log call in flight
      // for as long as the disk takes. Sealing syncs synchronously before it closes, so a segment
      // closed meanwhile is durable anyway (its descriptor may then be gone: EBADF says nothing).
      if (current) {
        fdatasync(current.fd, (error) => {
          if (error && error.code !== 'EBADF') deps.onError(error);
        });
      }
    }, options.fsyncIntervalMs);
    syncTimer.unref();
  }

  function seal() {
    if (!current) return;
    const { segment, fd } = current;
    current = null;
    if (options.fsync !== 'never') syncQuietly(fd);
    try {
      closeSync(fd);
    } catch (error) {
      deps.onError(error);
    }
    deps.onSealed(segment);
  }

  function append(data: Buffer): number {
    if (current && current.bytes > 0 && current.bytes + data.length > options.segmentBytes) seal();
    const target = current ?? openNext();
    try {
      // writeSync may write less than asked (a full disk): keep going until all of it is written or it throws.
      for (let written = 0; written < data.length;)
        written += writeSync(target.fd, data, written, data.length - written);
    } catch (error) {
      cutBack(target);
      throw error;
    }
    target.bytes += data.length;
    if (options.fsync === 'always') syncQuietly(target.fd);
    else if (options.fsync === 'interval') scheduleSync();
    return target.segment;
  }

  /** A half-written batch would break the line pairs of every batch after it. */
  function cutBack(target: { fd: number; bytes: number }) {
    try {
      ftruncateSync(target.fd, target.bytes);
    } catch (error) {
      deps.onError(error);
      // The torn tail stays last in a sealed file, where replay ignores it.
      seal();
    }
  }

  return {
    append,
    seal,
    open: () => (current ? { segment: current.segment, bytes: current.bytes } : null),
    close() {
      if (syncTimer) clearTimeout(syncTimer);
      syncTimer = null;
      seal();
    },
  };
}

function syncDirectory(dir: string, onError: (error: unknown) => void) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    onError(error);
  }
}
