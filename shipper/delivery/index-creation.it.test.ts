import { describe, expect, inject, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { createLogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import { periodOf } from '../../opensearch/record/index-period.ts';
import { expectBalanced, inside, log, monthsAgo } from './fixtures/index-failure-helpers.ts';
import { failureShippers } from './fixtures/failure-shippers.ts';
import type { HarnessOptions } from './fixtures/isolation-harness.ts';

// One setup for the file (it takes seconds); each test has its own periods and its own producer.
const suite = failureShippers('isolate-new');
const client = suite.client;
const names = () => suite.names();
const shipper = (options: HarnessOptions = {}, through = client) => suite.start(names(), options, through);

describe('an index the cluster refuses to create holds up only its own records', () => {
  it('dead-letters the records of a period whose index creation is refused (400) as index_refused, asking the cluster once', async () => {
    const refused = monthsAgo(5);
    // A higher-priority template gives exactly that index an alias named like an existing index:
    // the template is valid, creating the index is not.
    await client.indices.putIndexTemplate({
      name: `${names().prefix}-refuse`,
      body: {
        index_patterns: [names().logIndex(refused)],
        priority: 500,
        template: { aliases: { [`${names().prefix}-blocker`]: {} } },
      } as never,
    });
    await client.indices.create({ index: `${names().prefix}-blocker` });
    const observed = createOpenSearchClient({ urls: [inject('opensearchUrl')] });
    const creations: string[] = [];
    observed.on('request', (_error, event) => {
      const { method, path } = event.meta.request.params;
      if (method === 'PUT' && path === `/${names().logIndex(refused)}`) creations.push(path);
    });
    const h = await shipper({}, observed);
    try {
      log(h, 6, { '@timestamp': inside(refused) });
      log(h, 40);
      expect(await h.shipper.flush()).toEqual({ delivered: 40, deadLettered: 6, spooled: 0, dropped: 0 });
      log(h, 4, { '@timestamp': inside(refused) });
      log(h, 5);
      expect(await h.shipper.flush()).toEqual({ delivered: 5, deadLettered: 4, spooled: 0, dropped: 0 });

      expect(creations).toHaveLength(1);
      const letters = await h.deadLetters();
      expect(letters.map((l) => l.reason_code)).toEqual(Array(10).fill('index_refused'));
      expect(letters[0]).toMatchObject({
        status: 400,
        error_type: 'invalid_alias_name_exception',
        target_index: names().logIndex(refused),
      });
      expect(h.outages()).toBe(0);
      await expectBalanced(h);
    } finally {
      await h.shipper.close();
      await observed.close();
    }
  });

  it('dead-letters a record dated before 1970 (its index cannot be created) as one index_refused, with no outage, and delivers the 100 records behind it', async () => {
    // A century of retention puts 1965 inside the window: the cluster itself refuses a negative creation date.
    const h = await shipper({ retentionDays: 36_500 });
    h.log({ level: 'info', message: 'before the epoch', '@timestamp': '1965-06-01T00:00:00Z' });
    log(h, 100);
    expect(await h.shipper.flush()).toEqual({ delivered: 100, deadLettered: 1, spooled: 0, dropped: 0 });
    const [letter, ...others] = await h.deadLetters();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({
      reason_code: 'index_refused',
      status: 400,
      target_index: `${names().prefix}-logs-1965.06`,
    });
    expect(letter!.reason).toContain('creation_date');
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });
});

describe('an index that would break the shard budget holds up only its own records', () => {
  it("dead-letters as no_shard_headroom the records of a new index that would take the reserve, judged on the real node's numbers", async () => {
    // The shared node's settings stay untouched: a reserve of 99.9 % makes its real shard use look full.
    const { body: health } = await client.cluster.health();
    const { body: settings } = await client.cluster.getSettings({
      include_defaults: true,
      flat_settings: true,
    } as never);
    const layers = settings as unknown as Record<'transient' | 'persistent' | 'defaults', Record<string, string>>;
    const perNode = Number(
      layers.transient['cluster.max_shards_per_node'] ??
        layers.persistent['cluster.max_shards_per_node'] ??
        layers.defaults['cluster.max_shards_per_node'],
    );
    const dataNodes = health.number_of_data_nodes;
    const current = periodOf(Date.now(), 'month');
    await createLogIndexEnsurer(client, names()).ensure(current);
    const full = monthsAgo(6);

    const h = await shipper({ shardReserveFraction: 0.999 });
    log(h, 5, { '@timestamp': inside(full) });
    log(h, 25);
    expect(await h.shipper.flush()).toEqual({ delivered: 25, deadLettered: 5, spooled: 0, dropped: 0 });
    const letters = await h.deadLetters();
    expect(letters.map((l) => l.reason_code)).toEqual(Array(5).fill('no_shard_headroom'));
    const held = Number(/holds (\d+) of (\d+)/.exec(letters[0]!.reason)?.[1]);
    expect(letters[0]!.reason).toContain(`of ${perNode * dataNodes} (${perNode} per node × ${dataNodes} data node(s))`);
    expect(held).toBeGreaterThan(1); // this prefix's own indices alone hold more than 0.1 % of 1,000
    const { body: exists } = await client.indices.exists({ index: names().logIndex(full) });
    expect(exists).toBe(false);
    expect(h.outages()).toBe(0);
    await expectBalanced(h);

    // With the default 5 % reserve the same node has room, as its numbers say it should.
    const used = health.active_shards + health.initializing_shards + health.unassigned_shards;
    const roomy = await shipper();
    log(roomy, 5, { '@timestamp': inside(full) });
    const copies = 1 + Math.min(1, dataNodes - 1); // one primary, `auto_expand_replicas: 0-1`
    const expected =
      used + copies <= perNode * dataNodes * 0.95
        ? { delivered: 5, deadLettered: 0 }
        : { delivered: 0, deadLettered: 5 };
    expect(await roomy.shipper.flush()).toMatchObject(expected);
  });

  it("dead-letters as no_shard_headroom the records of an index the cluster's own shard limit refuses", async () => {
    const refused = monthsAgo(7);
    // 1,000 primaries and a replica each: more than the node's limit whatever it holds, so nothing is created.
    await client.indices.putIndexTemplate({
      name: `${names().prefix}-huge`,
      body: {
        index_patterns: [names().logIndex(refused)],
        priority: 500,
        template: { settings: { index: { number_of_shards: 1_000, number_of_replicas: 1 } } },
      } as never,
    });
    const h = await shipper();
    log(h, 3, { '@timestamp': inside(refused) });
    log(h, 10);
    expect(await h.shipper.flush()).toEqual({ delivered: 10, deadLettered: 3, spooled: 0, dropped: 0 });
    const letters = await h.deadLetters();
    expect(letters.map((l) => l.reason_code)).toEqual(Array(3).fill('no_shard_headroom'));
    expect(letters[0]).toMatchObject({ status: 400, error_type: 'validation_exception' });
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });
});
