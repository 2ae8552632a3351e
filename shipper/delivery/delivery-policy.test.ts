import { healthyClusterFacts } from './fixtures/healthy-cluster-facts.ts';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { DeadLetter } from '../../opensearch/record/dead-letter.ts';
import { createShipperMetrics } from '../metrics/shipper-metrics.ts';
import { resolveShipperOptions, type ShipperOptionsInput } from '../options/shipper-options.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { createShipper, type ShipperEvent } from './create-shipper.ts';

/**
 * The retry and outage policy, with a scripted client and a manual clock. What a real node answers
 * is tested in index-creation, index-unavailable, mapping-conflicts, event-time-horizon and throttling (*.it.test.ts).
 */
type Action = { index: string; id: string };
type Answer = (actions: Action[]) => unknown;

const failure = (status: number, type: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`${status} ${type}`), {
    meta: { statusCode: status, headers, body: { error: { type, reason: type } } },
  });
const items = (actions: Action[], status: (a: Action, i: number) => number) => ({
  body: {
    errors: true,
    items: actions.map((a, i) => ({
      create:
        status(a, i) < 300
          ? { status: status(a, i) }
          : { status: status(a, i), error: { type: 'rejected_execution_exception' } },
    })),
  },
});

function setup(options: Partial<ShipperOptionsInput> = {}) {
  const { clock, advance } = manualClock();
  const script: Answer[] = [];
  const cluster = {
    sends: [] as Array<{ at: number; ids: string[] }>,
    creates: [] as string[],
    refuseCreate: new Set<string>(),
    probes: [] as number[],
    probe: (() => ({ body: { items: [{ delete: { status: 404 } }] } })) as () => unknown,
  };
  const client = {
    bulk: async (params: { body: Buffer | string }) => {
      const lines = params.body.toString().split('\n').filter(Boolean);
      if (lines[0]!.startsWith('{"delete"')) {
        cluster.probes.push(clock.now());
        return cluster.probe();
      }
      const actions = lines
        .filter((_, i) => i % 2 === 0)
        .map((l) => (JSON.parse(l) as { create: { _index: string; _id: string } }).create)
        .map((c) => ({ index: c._index, id: c._id }));
      cluster.sends.push({ at: clock.now(), ids: actions.map((a) => a.id) });
      const answer = script.shift();
      return answer ? answer(actions) : { body: { errors: false } };
    },
    indices: {
      create: async (params: { index: string }) => {
        cluster.creates.push(params.index);
        if (cluster.refuseCreate.has(params.index)) throw failure(400, 'illegal_argument_exception');
        return { body: {} };
      },
      exists: async () => ({ body: false }),
    },
    ...healthyClusterFacts,
  } as unknown as OpenSearchClient;
  const events: ShipperEvent[] = [];
  const letters: DeadLetter[] = [];
  const registry = new Registry();
  const shipper = createShipper(
    {
      client,
      clock,
      metrics: createShipperMetrics(registry),
      deadLetters: { add: (l) => letters.push(l), flush: async () => {} },
      spool: null,
      wal: null,
      emit: (e) => events.push(e),
      random: JITTER,
    },
    {
      ...resolveShipperOptions({ service: 'unit', spoolDir: false, flushIntervalMs: 60_000, ...options }),
      producerId: 'p-1',
    },
  );
  /** Moves the clock in small steps until `promise` settles. */
  async function drive<T>(promise: Promise<T>, limitMs = 120_000): Promise<T> {
    let done = false;
    void promise.finally(() => (done = true));
    for (let t = 0; t < limitMs && !done; t += 50) {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      if (!done) advance(50);
    }
    return promise;
  }
  const log = (count: number, fields: Record<string, unknown> = {}) => {
    for (let i = 0; i < count; i++) shipper.log({ level: 'info', message: `m${i}`, ...fields });
  };
  return { shipper, script, cluster, events, letters, registry, log, drive, advance };
}

/** A fixed jitter (90 % of each backoff cap): the delays, and so the test, are the same on every run. */
const JITTER = () => 0.9;

const count = (events: ShipperEvent[], type: ShipperEvent['type']) => events.filter((e) => e.type === type).length;

describe('delivery policy', () => {
  it('resends only the items answered 429, in memory and past the retry deadline, and delivers the rest at once', async () => {
    const { shipper, script, cluster, events, log, drive } = setup({
      retryDeadlineMs: 1_000,
      initialBackoffMs: 100,
      maxBackoffMs: 400,
    });
    script.push((a) => items(a, (_, i) => (i === 2 || i === 5 ? 429 : 201)));
    for (let n = 0; n < 6; n++) script.push((a) => items(a, () => 429));
    log(10);
    expect(await drive(shipper.flush())).toEqual({ delivered: 10, spooled: 0, deadLettered: 0, dropped: 0 });
    const [first, ...resends] = cluster.sends;
    expect(first!.ids).toHaveLength(10);
    expect(resends).toHaveLength(7);
    for (const resend of resends) expect(resend.ids).toEqual([first!.ids[2], first!.ids[5]]);
    expect(resends.at(-1)!.at - first!.at).toBeGreaterThan(1_000);
    expect(count(events, 'outage')).toBe(0);
  });

  it("waits as long as a whole-request 429's Retry-After asks before sending the batch again", async () => {
    const { shipper, script, cluster, log, drive } = setup({ initialBackoffMs: 10, maxBackoffMs: 10_000 });
    script.push(() => {
      throw failure(429, 'rejected_execution_exception', { 'retry-after': '3' });
    });
    log(4);
    expect(await drive(shipper.flush())).toMatchObject({ delivered: 4 });
    expect(cluster.sends).toHaveLength(2);
    expect(cluster.sends[1]!.at - cluster.sends[0]!.at).toBeGreaterThanOrEqual(3_000);
    expect(cluster.sends[1]!.at - cluster.sends[0]!.at).toBeLessThan(3_100);
  });

  it('starts an outage after two whole-request 5xx and keeps it while the write probe answers 5xx', async () => {
    const { shipper, script, cluster, events, log, drive, advance } = setup({
      maxProbeIntervalMs: 1_000,
      initialBackoffMs: 10,
    });
    script.push(() => {
      throw failure(503, 'cluster_manager_not_discovered_exception');
    });
    script.push(() => {
      throw failure(503, 'cluster_manager_not_discovered_exception');
    });
    cluster.probe = () => {
      throw failure(503, 'cluster_manager_not_discovered_exception');
    };
    log(3);
    // Without a spool, the batch that meets the outage is dropped and counted.
    expect(await drive(shipper.flush())).toEqual({ delivered: 0, spooled: 0, deadLettered: 0, dropped: 3 });
    expect(count(events, 'outage')).toBe(1);
    for (let t = 0; t < 10_000; t += 100) (advance(100), await new Promise((resolve) => setImmediate(resolve)));
    expect(cluster.probes.length).toBeGreaterThanOrEqual(5);
    expect(count(events, 'recovered')).toBe(0);
    cluster.probe = () => ({
      body: { items: [{ delete: { status: 404, error: { type: 'index_not_found_exception' } } }] },
    });
    log(2);
    expect(await drive(shipper.flush())).toEqual({ delivered: 2, spooled: 0, deadLettered: 0, dropped: 0 });
    expect(count(events, 'recovered')).toBe(1);
  });

  it('asks the cluster to create a refused index once per refusal memory, dead-letters its records meanwhile, and delivers the others', async () => {
    const { shipper, cluster, events, letters, log, drive, advance } = setup();
    const refused = 'synclog-logs-2026.09';
    cluster.refuseCreate.add(refused);
    log(3, { '@timestamp': '2026-09-10T08:00:00Z' });
    log(2);
    expect(await drive(shipper.flush())).toEqual({ delivered: 2, spooled: 0, deadLettered: 3, dropped: 0 });
    log(1, { '@timestamp': '2026-09-11T08:00:00Z' });
    expect(await drive(shipper.flush())).toEqual({ delivered: 0, spooled: 0, deadLettered: 1, dropped: 0 });
    expect(cluster.creates.filter((i) => i === refused)).toHaveLength(1);
    advance(61_000);
    log(1, { '@timestamp': '2026-09-12T08:00:00Z' });
    await drive(shipper.flush());
    expect(cluster.creates.filter((i) => i === refused)).toHaveLength(2);
    expect(letters.map((l) => l.reason_code)).toEqual(Array(5).fill('index_refused'));
    expect(letters[0]).toMatchObject({ status: 400, error_type: 'illegal_argument_exception', target_index: refused });
    expect(count(events, 'outage')).toBe(0);
  });
});
