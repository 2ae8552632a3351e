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

  const stats = (epoch: number) => {
    let s = epochs.get(epoch);
    if (!s) epochs.set(epoch, (s = { pending: 0, delivered: 0, spooled: 0, deadLettered: 0, dropped: 0 }));
    return s;
  };

  /** Resolves waiters oldest first; each report covers the epochs since the previous report. */
  function release() {
    while (waiters.length > 0) {
      const waiter = waiters[0]!;
      if ([...epochs.entries()].some(([epoch, s]) => epoch <= waiter.epoch && s.pending > 0)) return;
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
      if (s.pending === 0) release();
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
