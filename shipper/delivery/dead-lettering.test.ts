import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { DeadLetter } from '../../opensearch/record/dead-letter.ts';
import { counterTotals } from '../../test/counter-totals.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { createShipperMetrics } from '../metrics/shipper-metrics.ts';
import { documentEntry } from './bulk-entry.ts';
import { createDeadLettering } from './dead-lettering.ts';
import { createFlushEpochs, type Settlement } from './flush-epochs.ts';
import type { ShipperEvent } from './shipper-event.ts';

function setup() {
  const { clock } = manualClock(Date.parse('2026-11-23T10:00:00Z'));
  const registry = new Registry();
  const epochs = createFlushEpochs();
  const letters: DeadLetter[] = [];
  const events: ShipperEvent[] = [];
  const settled: Settlement[] = [];
  let flushes = 0;
  const deadLettering = createDeadLettering({
    sink: { add: (l) => letters.push(l), flush: async () => void flushes++ },
    metrics: createShipperMetrics(registry),
    emit: (e) => events.push(e),
    clock,
    epochs,
    settlement: { settle: (entries, how) => entries.forEach(() => settled.push(how)) },
  });
  return { deadLettering, epochs, letters, events, settled, registry, flushes: () => flushes };
}

describe('dead-lettering', () => {
  it('keeps one letter per refused entry, and counts and tells once per reason code', async () => {
    const { deadLettering, letters, events, settled, registry, flushes } = setup();
    const entry = (id: string) => documentEntry('docs', id, { producer_id: 'p-1', producer_seq: 7 }, 0);
    deadLettering.rejected([
      { entry: entry('a'), code: 'mapping', status: 400, type: 'mapper_parsing_exception', reason: 'bad a' },
      { entry: entry('b'), code: 'mapping', status: 400, type: 'mapper_parsing_exception', reason: 'bad b' },
      { entry: entry('c'), code: 'read_only', status: 403, type: 'cluster_block_exception', reason: 'blocked' },
    ]);
    expect(letters.map((l) => [l.event_id, l.reason_code, l.target_index, l['@timestamp']])).toEqual([
      ['a', 'mapping', 'docs', '2026-11-23T10:00:00.000Z'],
      ['b', 'mapping', 'docs', '2026-11-23T10:00:00.000Z'],
      ['c', 'read_only', 'docs', '2026-11-23T10:00:00.000Z'],
    ]);
    expect(letters[0]).toMatchObject({
      producer_id: 'p-1',
      producer_seq: 7,
      raw: '{"producer_id":"p-1","producer_seq":7}',
    });
    expect(settled).toEqual(['deadLettered', 'deadLettered', 'deadLettered']);
    expect(events).toEqual([
      { type: 'dead-letter', records: 2, reason: 'bad a', code: 'mapping' },
      { type: 'dead-letter', records: 1, reason: 'blocked', code: 'read_only' },
    ]);
    expect((await counterTotals(registry)).byReason).toEqual({ mapping: 2, read_only: 1 });
    expect(flushes()).toBe(1);
  });

  it('counts a letter refused at the call in the current flush and in the call stage', async () => {
    const { deadLettering, epochs, letters, registry } = setup();
    const flushed = epochs.close();
    deadLettering.atCall({
      '@timestamp': '2026-11-23T10:00:00.000Z',
      reason: 'invalid record',
      reason_code: 'validation',
      error_type: 'validation',
      raw: '{}',
    });
    expect(await flushed).toEqual({ delivered: 0, spooled: 0, deadLettered: 0, dropped: 0 });
    expect(await epochs.close()).toEqual({ delivered: 0, spooled: 0, deadLettered: 1, dropped: 0 });
    expect(letters).toHaveLength(1);
    expect(await counterTotals(registry)).toMatchObject({ deadLetteredAtCall: 1, deadLetteredLater: 0 });
  });
});
