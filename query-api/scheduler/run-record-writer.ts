import type { RunRecord, RunRecords, StoredRun } from './run-records.ts';

/** The one writer of a claimed run's record while this instance runs it. */
export interface RunRecordWriter {
  /**
   * Applies a change to the record as last written, after every change queued before it, under
   * `if_seq_no`. Never rejects: a failed write is logged and the next change tries again.
   */
  update(change: (record: RunRecord) => RunRecord): Promise<void>;
  /** False once another instance replaced the record: nothing more is written. */
  owned(): boolean;
}

export function createRunRecordWriter(
  runs: Pick<RunRecords, 'replace'>,
  claimed: StoredRun,
  events: {
    /** Another instance took the run over (this one was paused past its heartbeat). */
    readonly lost: () => void;
    readonly log: (line: string) => void;
  },
): RunRecordWriter {
  let current: StoredRun | null = claimed;
  // Writes go one at a time: each needs the sequence number the one before it returned.
  let writes = Promise.resolve();

  return {
    update(change) {
      writes = writes.then(async () => {
        if (!current) return;
        const next = await runs.replace(current, change(current.record)).catch((error: Error) => {
          events.log(`scheduler: ${claimed.id}: cannot update the run record: ${error.message}`);
          return current;
        });
        if (next === null) {
          events.log(`scheduler: ${claimed.id}: another instance took this run over; its outcome here is not recorded`);
          events.lost();
        }
        current = next;
      });
      return writes;
    },
    owned: () => current !== null,
  };
}
