import type { Clock } from '../../opensearch/shared/clock.ts';
import { entriesFromLines, type BulkEntry } from './bulk-entry.ts';
import type { SpoolPort } from './spool-port.ts';

export interface SpoolReplayDeps {
  readonly clock: Clock;
  /** Outage and overflow spool: this process's batches, then those crashed producers left. */
  readonly spool: SpoolPort | null;
  /** Write-ahead log: only what crashed producers left behind is replayed from it. */
  readonly wal: SpoolPort | null;
  readonly batchRecords: number;
  /** Replayed batches keep to the same byte limit as new ones (a single larger entry goes alone). */
  readonly batchBytes: number;
  /** Delivers one batch; what it cannot deliver it spools again (and `written()` is called). */
  readonly deliver: (batch: readonly BulkEntry[]) => Promise<void>;
  readonly replayed: (records: number) => void;
  readonly isOutage: () => boolean;
  readonly isClosing: () => boolean;
}

/**
 * Reads spooled batches back, one segment at a time, and delivers them. It remembers whether the
 * spool may hold work, so a healthy shipper does not look at the disk for every batch.
 */
export function createSpoolReplay(deps: SpoolReplayDeps) {
  const hasDisk = deps.spool !== null || deps.wal !== null;
  // Start by looking for spools a crashed process left behind.
  let mayHaveWork = hasDisk;
  let replaying = false;
  // Counts spool writes, so a replay that found nothing does not hide a write made meanwhile.
  let writes = 0;

  async function replayOne(): Promise<void> {
    const writesBefore = writes;
    const segment = (await deps.spool?.takeForReplay()) ?? (await deps.wal?.takeForReplay()) ?? null;
    if (!segment) {
      if (writes === writesBefore) mayHaveWork = false;
      return;
    }
    const entries = entriesFromLines(segment.lines);
    deps.replayed(entries.length);
    for (const batch of batchesOf(entries, deps.batchRecords, deps.batchBytes)) await deps.deliver(batch);
    // Whatever could not be delivered was spooled again: the segment is done.
    await segment.done();
  }

  function run(): Promise<void> {
    replaying = true;
    return replayOne().finally(() => (replaying = false));
  }

  return {
    get mayHaveWork(): boolean {
      return mayHaveWork;
    },
    /** A batch went to the spool. */
    written(): void {
      mayHaveWork = true;
      writes++;
    },
    /** The cluster is back: producers that crashed meanwhile may have left work. */
    recovered(): void {
      mayHaveWork = hasDisk;
    },
    /** Replay goes before new batches when it may have work and no replay is running. */
    wanted(): boolean {
      return mayHaveWork && !replaying && !deps.isClosing();
    },
    /** Replays one segment (nothing when there is none). */
    run,
    /** Replays segment after segment until none is left, an outage starts, or `timeoutMs` passes. */
    async drain(timeoutMs: number): Promise<void> {
      const deadline = deps.clock.now() + timeoutMs;
      while (mayHaveWork && hasDisk && !deps.isOutage() && deps.clock.now() < deadline) {
        while (replaying) await new Promise((resolve) => setImmediate(resolve));
        await run();
      }
    },
  };
}

export type SpoolReplay = ReturnType<typeof createSpoolReplay>;

/** Consecutive runs of entries, each at most `records` long and `bytes` big (or one entry bigger than that). */
function batchesOf(entries: readonly BulkEntry[], records: number, bytes: number): BulkEntry[][] {
  const batches: BulkEntry[][] = [];
  let batch: BulkEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    if (batch.length > 0 && (batch.length === records || size + entry.bytes > bytes)) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(entry);
    size += entry.bytes;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
