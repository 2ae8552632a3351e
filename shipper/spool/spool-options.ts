const MiB = 1024 * 1024;

export type SpoolMode = 'spool' | 'wal';
export type FsyncPolicy = 'always' | 'interval' | 'never';
export type WhenFull = 'drop-newest' | 'drop-oldest';
/** Why `append()` refused a batch. */
export type RefusedReason = 'full' | 'io-error' | 'closed' | 'malformed';
/** Why records left the spool without being replayed: refused by `append()`, or `evicted` by `drop-oldest`. */
export type DropReason = RefusedReason | 'evicted';

export interface DiskSpoolOptions {
  /** Root shared by every producer; this spool writes only in `<dir>/<producerId>/`. Required. */
  readonly dir: string;
  /** `[A-Za-z0-9._-]+`, unique per process (a second live spool with the same id is refused). Required. */
  readonly producerId: string;
  /**
   * Required. `spool`: batches that could not be delivered, replayed by `takeForReplay()`.
   * `wal`: every record, deleted once `acknowledge()`d; only a crashed producer's segments are replayed.
   */
  readonly mode: SpoolMode;
  /** Default 1 GiB: bound on this producer's segment bytes on disk (orphans being replayed are not counted). */
  readonly maxBytes?: number;
  /** Default 16 MiB: a new segment file is started before a batch would take the open one past this. */
  readonly segmentBytes?: number;
  /** Default `interval`: fdatasync at most every `fsyncIntervalMs`; `always` after every append; `never` leaves it to the OS. */
  readonly fsync?: FsyncPolicy;
  /** Default 1 000 ms. */
  readonly fsyncIntervalMs?: number;
  /** Default `drop-oldest`, as the shipper's `spoolWhenFull`. */
  readonly whenFull?: WhenFull;
  /** Default 60 000 ms: how often `takeForReplay()` looks again for producers that died meanwhile. */
  readonly orphanScanIntervalMs?: number;
  /** Required. I/O problems; nothing the spool does in the background throws. */
  readonly onError: (error: unknown) => void;
  /** Default: none. Every record dropped, with why (the spool also counts them in `stats()`). */
  readonly onDrop?: (records: number, reason: DropReason) => void;
  /** Default: none. Contradictory options that were clamped. */
  readonly onWarning?: (message: string) => void;
  /** Default `Date.now`: stamps the producer's start, which orders replay across producers. */
  readonly now?: () => number;
}

export type ResolvedSpoolOptions = Required<DiskSpoolOptions>;

const PRODUCER_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** Fills the defaults (here and nowhere else); throws naming the option for invalid ones. */
export function resolveSpoolOptions(options: DiskSpoolOptions): ResolvedSpoolOptions {
  const invalid = (name: string, problem: string) => new RangeError(`DiskSpool option ${name}: ${problem}`);
  if (typeof options.dir !== 'string' || options.dir === '') throw invalid('dir', 'a directory path is required');
  // '.' and '..' match the character class but would point outside the root.
  if (!PRODUCER_ID.test(options.producerId) || /^\.+$/.test(options.producerId)) {
    throw invalid(
      'producerId',
      `expected [A-Za-z0-9._-]+ (not "." or ".."), got ${JSON.stringify(options.producerId)}`,
    );
  }
  if (options.mode !== 'spool' && options.mode !== 'wal')
    throw invalid('mode', `expected "spool" or "wal", got ${String(options.mode)}`);
  if (typeof options.onError !== 'function') throw invalid('onError', 'a function is required');

  const resolved: ResolvedSpoolOptions = {
    ...options,
    maxBytes: options.maxBytes ?? 1024 * MiB,
    segmentBytes: options.segmentBytes ?? 16 * MiB,
    fsync: options.fsync ?? 'interval',
    fsyncIntervalMs: options.fsyncIntervalMs ?? 1_000,
    whenFull: options.whenFull ?? 'drop-oldest',
    orphanScanIntervalMs: options.orphanScanIntervalMs ?? 60_000,
    onDrop: options.onDrop ?? (() => {}),
    onWarning: options.onWarning ?? (() => {}),
    now: options.now ?? Date.now,
  };
  for (const name of ['maxBytes', 'segmentBytes', 'fsyncIntervalMs', 'orphanScanIntervalMs'] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value <= 0)
      throw invalid(name, `expected a positive whole number, got ${value}`);
  }
  if (!['always', 'interval', 'never'].includes(resolved.fsync))
    throw invalid('fsync', `expected always, interval or never, got ${resolved.fsync}`);
  if (!['drop-newest', 'drop-oldest'].includes(resolved.whenFull))
    throw invalid('whenFull', `expected drop-newest or drop-oldest, got ${resolved.whenFull}`);
  if (resolved.segmentBytes > resolved.maxBytes) {
    resolved.onWarning(
      `segmentBytes ${resolved.segmentBytes} exceeds maxBytes ${resolved.maxBytes}; using ${resolved.maxBytes}`,
    );
    return { ...resolved, segmentBytes: resolved.maxBytes };
  }
  return resolved;
}
