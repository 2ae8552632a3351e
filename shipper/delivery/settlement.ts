import type { DropReason, ShipperMetrics } from '../metrics/shipper-metrics.ts';
import type { BulkEntry } from './bulk-entry.ts';
import type { DropReporter } from './drop-reporter.ts';
import type { FlushEpochs, Settlement as How } from './flush-epochs.ts';
import type { ShipperEvent } from './shipper-event.ts';
import type { SpoolPort } from './spool-port.ts';

export interface SettlementDeps {
  readonly epochs: FlushEpochs;
  readonly metrics: ShipperMetrics;
  readonly emit: (event: ShipperEvent) => void;
  readonly drops: DropReporter;
  /** Outage and overflow spool; `null` without a spool directory (entries set aside are dropped). */
  readonly spool: SpoolPort | null;
  /** Write-ahead log: an entry's copy there is acknowledged once the entry has settled. */
  readonly wal: SpoolPort | null;
  /** A batch went to the spool: replay must look there again. */
  readonly spooled: () => void;
}

/**
 * Where every entry ends, exactly once: delivered, spooled, dead-lettered or dropped. Each ending
 * is counted towards its `flush()`, releases its write-ahead copy, tells a waiting writer, and is
 * counted in metrics and events.
 */
export function createSettlement(deps: SettlementDeps) {
  function settle(entries: readonly BulkEntry[], how: How): void {
    for (const entry of entries) {
      deps.epochs.settled(entry.epoch, how);
      if (entry.walSegment !== undefined) deps.wal?.acknowledge(entry.walSegment, 1);
      entry.onSettled?.(how);
    }
  }

  function drop(entries: readonly BulkEntry[], reason: DropReason): void {
    settle(entries, 'dropped');
    deps.metrics.dropped(entries.length, reason);
    deps.emit({ type: 'dropped', records: entries.length, reason });
    deps.drops.dropped(entries.length, reason);
  }

  return {
    settle,
    drop,
    delivered(entries: readonly BulkEntry[]): void {
      if (entries.length === 0) return;
      settle(entries, 'delivered');
      deps.metrics.sent(entries.length);
      deps.emit({ type: 'delivered', records: entries.length });
    },
    /** Keeps the entries on disk for a later replay; drops them (counted) when there is no spool or it is full. */
    setAside(entries: readonly BulkEntry[], reason: string): void {
      if (entries.length === 0) return;
      if (!deps.spool) return drop(entries, 'no-spool');
      const result = deps.spool.append(Buffer.concat(entries.map((e) => e.lines)), entries.length);
      if (!result.ok) return drop(entries, 'spool-full');
      deps.spooled();
      settle(entries, 'spooled');
      deps.metrics.spooled(entries.length);
      deps.emit({ type: 'spooled', records: entries.length, reason });
    },
  };
}

export type Settlements = ReturnType<typeof createSettlement>;
