import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { counterTotals } from '../../test/counter-totals.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { createShipperMetrics } from '../metrics/shipper-metrics.ts';
import { documentEntry, type BulkEntry } from './bulk-entry.ts';
import { createDropReporter } from './drop-reporter.ts';
import { memorySpool } from './fixtures/memory-spool.ts';
import { createFlushEpochs, type Settlement } from './flush-epochs.ts';
import { createSettlement } from './settlement.ts';
import type { ShipperEvent } from './shipper-event.ts';

function setup(options: { spool?: boolean; spoolCapacity?: number } = {}) {
  const { clock } = manualClock();
  const registry = new Registry();
  const epochs = createFlushEpochs();
  const events: ShipperEvent[] = [];
  const spool = memorySpool(options.spoolCapacity);
  const wal = memorySpool();
  let spooledCalls = 0;
  const settlement = createSettlement({
    epochs,
    metrics: createShipperMetrics(registry),
    emit: (e) => events.push(e),
    drops: createDropReporter({ clock, intervalMs: 10_000, warn: () => {} }),
    spool: options.spool === false ? null : spool.port,
    wal: wal.port,
    spooled: () => spooledCalls++,
  });
  /** Entries counted in the current flush, each telling how it ended. */
  const make = (count: number) => {
    const endings: Settlement[] = [];
    const entries = Array.from({ length: count }, (_, i) => {
      const entry: BulkEntry = documentEntry('docs', `d${i}`, { i }, epochs.current);
      entry.onSettled = (how) => endings.push(how);
      epochs.added(entry.epoch);
      return entry;
    });
    return { entries, endings };
  };
  return { settlement, epochs, events, spool, wal, registry, make, spooledCalls: () => spooledCalls };
}

describe('settlement', () => {
  it('ends each entry once: counted in its flush, told to its writer, its write-ahead copy released', async () => {
    const { settlement, epochs, wal, registry, make, events } = setup();
    const { entries, endings } = make(3);
    const { segment } = wal.port.append(Buffer.concat(entries.map((e) => e.lines)), 3) as { segment: number };
    for (const entry of entries) entry.walSegment = segment;
    const flushed = epochs.close();
    settlement.delivered(entries.slice(0, 2));
    settlement.drop(entries.slice(2), 'queue-full');
    expect(await flushed).toEqual({ delivered: 2, spooled: 0, deadLettered: 0, dropped: 1 });
    expect(endings).toEqual(['delivered', 'delivered', 'dropped']);
    expect(wal.held()).toEqual([]);
    expect(await counterTotals(registry)).toMatchObject({ sent: 2, dropped: 1 });
    expect(events.map((e) => e.type)).toEqual(['delivered', 'dropped']);
  });

  it('sets entries aside in the spool as one segment and tells replay to look there', async () => {
    const { settlement, spool, make, spooledCalls, registry } = setup();
    const { entries, endings } = make(2);
    settlement.setAside(entries, 'outage');
    expect(spool.held().map((s) => s.records)).toEqual([2]);
    expect(endings).toEqual(['spooled', 'spooled']);
    expect(spooledCalls()).toBe(1);
    expect(await counterTotals(registry)).toMatchObject({ spooled: 2 });
  });

  it('drops what it cannot set aside, naming why: no spool, or a full one', async () => {
    const none = setup({ spool: false });
    none.settlement.setAside(none.make(2).entries, 'outage');
    expect(none.events).toEqual([{ type: 'dropped', records: 2, reason: 'no-spool' }]);
    const full = setup({ spoolCapacity: 1 });
    full.settlement.setAside(full.make(2).entries, 'outage');
    expect(full.events).toEqual([{ type: 'dropped', records: 2, reason: 'spool-full' }]);
    expect(full.spooledCalls()).toBe(0);
  });
});
