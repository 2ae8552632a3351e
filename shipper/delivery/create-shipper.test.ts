import { healthyClusterFacts } from './fixtures/healthy-cluster-facts.ts';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { createShipperMetrics } from '../metrics/shipper-metrics.ts';
import { resolveShipperOptions, type ShipperOptionsInput } from '../options/shipper-options.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { createShipper, type ShipperEvent } from './create-shipper.ts';

/**
 * Batching is pure policy; these tests record what would be sent. What OpenSearch does with it is
 * tested against a real node in opensearch-transport.it.test.ts.
 */
function setup(options: Partial<ShipperOptionsInput> = {}) {
  const sent: number[] = [];
  /** `down`: every request fails as if the connection were refused. `probes`: when each health check came. */
  const cluster = { down: false, probes: [] as number[] };
  const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9200'), { name: 'ConnectionError' });
  const client = {
    bulk: async (params: { body: Buffer | string }) => {
      const text = params.body.toString();
      // The outage probe: one `delete` of a document that does not exist.
      const probe = text.startsWith('{"delete"');
      if (probe) cluster.probes.push(clock.now());
      if (cluster.down) throw refused();
      if (probe) return { body: { items: [{ delete: { status: 404 } }] } };
      sent.push(text.split('\n').filter(Boolean).length / 2);
      return { body: { errors: false } };
    },
    indices: { create: async () => ({ body: {} }) },
    ...healthyClusterFacts,
  } as unknown as OpenSearchClient;
  const events: ShipperEvent[] = [];
  const { clock, advance } = manualClock();
  const registry = new Registry();
  const shipper = createShipper(
    {
      client,
      clock,
      metrics: createShipperMetrics(registry),
      deadLetters: { add: () => {}, flush: async () => {} },
      spool: null,
      wal: null,
      emit: (event) => events.push(event),
    },
    { ...resolveShipperOptions({ service: 'unit', spoolDir: false, ...options }), producerId: 'p-1' },
  );
  return { shipper, sent, events, advance, registry, cluster };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('batching policy', () => {
  it('sends a batch one interval after its first record, however many records follow', async () => {
    const { shipper, sent, advance, registry } = setup({ flushIntervalMs: 1_000 });
    shipper.log({ level: 'info', message: 'a' });
    advance(600);
    shipper.log({ level: 'info', message: 'b' });
    advance(300);
    shipper.log({ level: 'info', message: 'c' });
    expect(sent).toEqual([]);
    expect(await registry.getSingleMetricAsString('synclog_shipper_queue_records')).toMatch(
      /^synclog_shipper_queue_records 3$/m,
    );
    advance(100);
    await settle();
    expect(sent).toEqual([3]);
  });

  it('sends as soon as a batch is full, without waiting for the timer', async () => {
    const { shipper, sent } = setup({ batchRecords: 3, flushIntervalMs: 60_000 });
    for (let i = 0; i < 7; i++) shipper.log({ level: 'info', message: `m${i}` });
    await settle();
    expect(sent).toEqual([3, 3]);
    await shipper.flush();
    expect(sent).toEqual([3, 3, 1]);
  });

  it('keeps no more than the queue bound in memory without a spool, counting each drop', async () => {
    const { shipper, events } = setup({ maxQueueRecords: 5, batchRecords: 5, maxInFlight: 1, flushIntervalMs: 60_000 });
    for (let i = 0; i < 20; i++) shipper.log({ level: 'info', message: `m${i}` });
    const dropped = events
      .filter((e) => e.type === 'dropped')
      .reduce((n, e) => n + (e as { records: number }).records, 0);
    expect(shipper.stats().queued).toBeLessThanOrEqual(5);
    expect(dropped).toBe(20 - 5 - 5);
    const report = await shipper.flush();
    expect(report.delivered + report.dropped).toBe(20);
  });

  it('checks on a down cluster at most every maxProbeIntervalMs, and delivers at the first check after it is back', async () => {
    const { shipper, sent, events, advance, cluster } = setup({ maxProbeIntervalMs: 2_000, flushIntervalMs: 100 });
    const step = async (ms: number) => {
      for (let t = 0; t < ms; t += 50) {
        advance(50);
        await settle();
      }
    };
    cluster.down = true;
    // Without a spool, the batch that meets the outage is dropped; what is logged later waits in memory.
    shipper.log({ level: 'info', message: 'meets the outage' });
    await step(1_000);
    expect(events.some((e) => e.type === 'outage')).toBe(true);
    shipper.log({ level: 'info', message: 'waits in memory' });
    await step(59_000);
    const gaps = cluster.probes.slice(1).map((at, i) => at - cluster.probes[i]!);
    expect(cluster.probes.length).toBeGreaterThanOrEqual(25);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2_050);
    expect(sent).toEqual([]);
    cluster.down = false;
    await step(2_100);
    expect(events.some((e) => e.type === 'recovered')).toBe(true);
    expect(sent).toEqual([1]);
  });

  it('dead-letters a record older than the delete horizon at once and counts it in the flush report', async () => {
    const { shipper } = setup();
    shipper.log({ level: 'info', message: 'ok' });
    shipper.log({ level: 'info', message: 'expired', '@timestamp': '2001-01-01T00:00:00Z' });
    expect(await shipper.flush()).toEqual({ delivered: 1, spooled: 0, deadLettered: 1, dropped: 0 });
  });
});
