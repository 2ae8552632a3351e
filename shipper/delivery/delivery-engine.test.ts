import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { DeadLetter } from '../../opensearch/record/dead-letter.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { createShipperMetrics } from '../metrics/shipper-metrics.ts';
import { resolveShipperOptions, type ShipperOptionsInput } from '../options/shipper-options.ts';
import { documentEntry } from './bulk-entry.ts';
import { createDeliveryEngine } from './delivery-engine.ts';
import { existingIndexDestination } from './destination.ts';
import { memorySpool } from './fixtures/memory-spool.ts';
import type { ShipperEvent } from './shipper-event.ts';

/**
 * The engine with entries that are not sync log records, a stand-in `_bulk` and a manual clock.
 * The record shipper on top of it is tested in create-shipper and delivery-policy.
 */
function setup(options: Partial<ShipperOptionsInput> & { disk?: boolean } = {}) {
  const { disk, ...input } = options;
  const { clock, advance } = manualClock();
  const cluster = { bodies: [] as string[], refuse: new Set<string>(), answer: true };
  const pending: Array<() => void> = [];
  const client = {
    bulk: async (params: { body: Buffer | string }) => {
      const text = params.body.toString();
      if (text.startsWith('{"delete"')) return { body: { items: [{ delete: { status: 404 } }] } };
      cluster.bodies.push(text);
      if (!cluster.answer) await new Promise<void>((resolve) => pending.push(resolve));
      const ids = text
        .split('\n')
        .filter((_, i) => i % 2 === 0 && _ !== '')
        .map((l) => (JSON.parse(l) as { create: { _id: string } }).create._id);
      const refused = ids.some((id) => cluster.refuse.has(id));
      if (!refused) return { body: { errors: false } };
      const items = ids.map((id) => ({
        create: cluster.refuse.has(id)
          ? { status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad' } }
          : { status: 201 },
      }));
      return { body: { errors: true, items } };
    },
  } as unknown as OpenSearchClient;
  const spool = memorySpool();
  const wal = memorySpool();
  const events: ShipperEvent[] = [];
  const letters: DeadLetter[] = [];
  const engine = createDeliveryEngine(
    {
      client,
      clock,
      metrics: createShipperMetrics(new Registry()),
      deadLetters: { add: (l) => letters.push(l), flush: async () => {} },
      spool: disk ? spool.port : null,
      wal: disk ? wal.port : null,
      emit: (e) => events.push(e),
      destination: existingIndexDestination(),
      probeIndex: 'docs-meta',
    },
    resolveShipperOptions({ service: 'unit', spoolDir: false, flushIntervalMs: 1_000, ...input }),
  );
  const entry = (id: string, doc: Record<string, unknown> = { id }) =>
    documentEntry('audit-docs', id, doc, engine.epoch);
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { engine, cluster, pending, spool, wal, events, letters, entry, advance, settle };
}

describe('the delivery engine', () => {
  it('sends entries for any index as they are, with their fixed ids, and no record fields added', async () => {
    const { engine, cluster, entry } = setup();
    engine.enqueue(entry('a', { who: 'viewer#1', row_count: 3 }));
    expect(await engine.flush()).toEqual({ delivered: 1, spooled: 0, deadLettered: 0, dropped: 0 });
    expect(cluster.bodies).toEqual([
      '{"create":{"_index":"audit-docs","_id":"a"}}\n{"who":"viewer#1","row_count":3}\n',
    ]);
  });

  it('resolves a durable write without a spool only once its entry is indexed, sent without waiting for the batch timer', async () => {
    const { engine, cluster, pending, entry, settle } = setup();
    cluster.answer = false;
    let done = false;
    const writing = engine.writeDurable(entry('a')).then(() => (done = true));
    await settle();
    expect(cluster.bodies).toHaveLength(1);
    expect(done).toBe(false);
    pending.shift()!();
    await writing;
    expect(done).toBe(true);
  });

  it('resolves a durable write with a write-ahead log before the cluster answers, and releases the log once indexed', async () => {
    const { engine, cluster, pending, wal, entry, advance, settle } = setup({ disk: true });
    await settle();
    cluster.answer = false;
    await engine.writeDurable(entry('a'));
    expect(wal.held().map((s) => s.records)).toEqual([1]);
    expect(cluster.bodies).toHaveLength(0);
    advance(1_000);
    await settle();
    pending.shift()!();
    await engine.flush();
    expect(wal.held()).toEqual([]);
  });

  it('rejects a durable write the cluster refuses, and keeps it as a dead letter naming its index', async () => {
    const { engine, cluster, letters, entry } = setup();
    cluster.refuse.add('bad');
    await expect(engine.writeDurable(entry('bad'))).rejects.toThrow(/refused/);
    expect(letters).toMatchObject([{ event_id: 'bad', target_index: 'audit-docs', reason_code: 'mapping' }]);
  });

  it('replays what a crashed writer left on disk in the request slot before new entries, and drains the spool on demand', async () => {
    const { engine, cluster, spool, entry, advance, settle } = setup({ disk: true, maxInFlight: 1 });
    spool.port.append(entry('left-behind').lines, 1);
    engine.enqueue(entry('new'));
    const flushed = engine.flush();
    // The replay held the only slot when flush asked: the new entry leaves on the batch timer.
    await settle();
    advance(1_000);
    await flushed;
    await engine.drainSpool(10_000);
    await settle();
    expect(
      cluster.bodies.map((b) => (JSON.parse(b.split('\n')[0]!) as { create: { _id: string } }).create._id),
    ).toEqual(['left-behind', 'new']);
    expect(spool.held()).toEqual([]);
  });

  it('closes once: later writes are refused and later entries dropped as closed', async () => {
    const { engine, events, entry } = setup({ disk: true });
    const report = engine.close();
    expect(engine.close()).toBe(report);
    expect(await report).toEqual({ delivered: 0, spooled: 0, deadLettered: 0, dropped: 0, undelivered: 0 });
    await expect(engine.writeDurable(entry('late'))).rejects.toThrow(/closed/);
    engine.enqueue(entry('later'));
    expect(events.filter((e) => e.type === 'dropped')).toEqual([{ type: 'dropped', records: 1, reason: 'closed' }]);
  });
});
