/** How the records counted by one `flush()` ended. */
export interface FlushReport {
  delivered: number;
  spooled: number;
  deadLettered: number;
  dropped: number;
}

export type Settlement = keyof FlushReport;

/**
 * Every record belongs to the epoch that was current when it was logged; `flush()` closes the
 * current epoch and waits until every record of it (and of earlier epochs) has settled — been
 * delivered, spooled, dead-lettered or dropped — whatever is logged meanwhile.
 */
export function createFlushEpochs() {
  let current = 0;
  const epochs = new Map<number, FlushReport & { pending: number }>();
  const waiters: Array<{ epoch: number; resolve: (report: FlushReport) => void }> = [];
  const watchers: Array<{ epoch: number; resolve: () => void }> = [];

  const pendingUpTo = (epoch: number) => [...epochs.entries()].some(([e, s]) => e <= epoch && s.pending > 0);

  /**
   * Resolves watchers whose epochs have settled, folding those epochs' counts into one entry so
   * that marks without flushes keep the map small; flush reports still count every record once.
   */
  function notify() {
    while (watchers.length > 0 && !pendingUpTo(watchers[0]!.epoch)) {
      const { epoch, resolve } = watchers.shift()!;
      const folded = { pending: 0, delivered: 0, spooled: 0, deadLettered: 0, dropped: 0 };
      for (const [e, s] of [...epochs]) {
        if (e > epoch) continue;
        folded.delivered += s.delivered;
        folded.spooled += s.spooled;
        folded.deadLettered += s.deadLettered;
        folded.dropped += s.dropped;
        epochs.delete(e);
      }
      if (folded.delivered + folded.spooled + folded.deadLettered + folded.dropped > 0) epochs.set(epoch, folded);
      resolve();
    }
  }

  const stats = (epoch: number) => {
    let s = epochs.get(epoch);
    if (!s) epochs.set(epoch, (s = { pending: 0, delivered: 0, spooled: 0, deadLettered: 0, dropped: 0 }));
    return s;
  };

  /** Resolves waiters oldest first; each report covers the epochs since the previous report. */
  function release() {
    while (waiters.length > 0) {
      const waiter = waiters[0]!;
      if (pendingUpTo(waiter.epoch)) return;
      const report: FlushReport = { delivered: 0, spooled: 0, deadLettered: 0, dropped: 0 };
      for (const [epoch, s] of [...epochs]) {
        if (epoch > waiter.epoch) continue;
        report.delivered += s.delivered;
        report.spooled += s.spooled;
        report.deadLettered += s.deadLettered;
        report.dropped += s.dropped;
        epochs.delete(epoch);
      }
      waiters.shift();
      waiter.resolve(report);
    }
  }

  return {
    get current() {
      return current;
    },
    added(epoch: number) {
      if (epoch >= 0) stats(epoch).pending++;
    },
    settled(epoch: number, how: Settlement, count = 1) {
      if (epoch < 0) return;
      const s = stats(epoch);
      s.pending -= count;
      s[how] += count;
      if (s.pending === 0) {
        release();
        notify();
      }
    },
    /**
     * Starts a new epoch without flushing and resolves once every record logged before the call has
     * settled (delivered, spooled, dead-lettered or dropped); unlike `close()` it consumes no counts.
     */
    mark(): Promise<void> {
      const epoch = current++;
      return new Promise((resolve) => {
        watchers.push({ epoch, resolve });
        notify();
      });
    },
    /** Closes the current epoch; resolves when it and all before it have settled. */
    close(): Promise<FlushReport> {
      const epoch = current++;
      return new Promise((resolve) => {
        waiters.push({ epoch, resolve });
        release();
      });
    },
    pendingRecords(): number {
      let n = 0;
      for (const s of epochs.values()) n += s.pending;
      return n;
    },
  };
}

export type FlushEpochs = ReturnType<typeof createFlushEpochs>;
