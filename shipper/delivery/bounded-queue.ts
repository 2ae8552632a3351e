/** How much one bulk request may carry. */
export interface BatchLimits {
  readonly records: number;
  readonly bytes: number;
}

/**
 * The in-memory queue, bounded by records and by bytes. Entries leave from a moving head, so
 * taking a batch never copies everything behind it; the array is compacted only when the taken
 * part is large and most of it. Writers that must not drop wait in `whenRoom()`.
 */
export function createBoundedQueue<T extends { readonly bytes: number }>(bounds: {
  readonly maxRecords: number;
  readonly maxBytes: number;
}) {
  let items: T[] = [];
  let head = 0;
  let bytes = 0;
  let waiters: Array<() => void> = [];
  const length = () => items.length - head;

  function left(count: number, taken: number) {
    head += count;
    bytes -= taken;
    if (head === items.length) {
      items = [];
      head = 0;
    } else if (head > 16_384 && head * 2 > items.length) {
      items = items.slice(head);
      head = 0;
    }
    if (count > 0 && waiters.length > 0) {
      const waiting = waiters;
      waiters = [];
      for (const wake of waiting) wake();
    }
  }

  return {
    get length(): number {
      return length();
    },
    get bytes(): number {
      return bytes;
    },
    /** Whether one more entry of `entryBytes` stays within both bounds. */
    fits(entryBytes: number): boolean {
      return length() < bounds.maxRecords && bytes + entryBytes <= bounds.maxBytes;
    },
    push(entry: T): void {
      items.push(entry);
      bytes += entry.bytes;
    },
    /**
     * The oldest entries up to `limits` (at least one, however large). Without `force`, only
     * once a full batch is waiting; null when there is nothing to take.
     */
    take(limits: BatchLimits, force: boolean): T[] | null {
      const queued = length();
      if (queued === 0) return null;
      if (!force && queued < limits.records && bytes < limits.bytes) return null;
      let count = 0;
      let taken = 0;
      while (
        count < queued &&
        count < limits.records &&
        (count === 0 || taken + items[head + count]!.bytes <= limits.bytes)
      ) {
        taken += items[head + count]!.bytes;
        count++;
      }
      const batch = items.slice(head, head + count);
      left(count, taken);
      return batch;
    },
    /** Everything still queued, oldest first; the queue is empty afterwards. */
    takeAll(): T[] {
      const all = items.slice(head);
      left(all.length, bytes);
      return all;
    },
    /** Resolves the next time entries leave the queue; check `fits` again then. */
    whenRoom(): Promise<void> {
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

export type BoundedQueue<T extends { readonly bytes: number }> = ReturnType<typeof createBoundedQueue<T>>;
