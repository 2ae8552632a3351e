import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOpenSearchClient, type OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { startFaultProxy, type FaultProxy } from '../../test/fault-proxy.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { expectBalanced } from './fixtures/index-failure-helpers.ts';
import { startShipper, type Harness } from './fixtures/isolation-harness.ts';
import { probeWritePath } from './write-probe.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'throttle');
let names: IndexNames;
let proxy: FaultProxy;
let proxied: OpenSearchClient;
const harnesses: Harness[] = [];

beforeAll(async () => {
  names = await prefixes.fresh();
  proxy = await startFaultProxy(inject('opensearchUrl'));
  proxied = createOpenSearchClient({ urls: [proxy.url], requestTimeoutMs: 5_000 });
});
afterAll(async () => {
  for (const h of harnesses) await h.shipper.close({ timeoutMs: 5_000 });
  await proxy.close();
  await proxied.close();
  await prefixes.dropAll();
});

describe('a busy cluster (429) is waited for in memory, never an outage', () => {
  it('backs off for Retry-After, past the retry deadline, without spooling or an outage, then delivers', async () => {
    // A 200 ms deadline: records that failed any other way would go to disk long before the 429s end.
    const h = await startShipper(proxied, names, {
      flushIntervalMs: 60_000,
      retryDeadlineMs: 200,
      initialBackoffMs: 10,
      maxBackoffMs: 5_000,
    });
    harnesses.push(h);
    proxy.match = '_bulk';
    proxy.retryAfter = '0.25';
    proxy.mode = 'throttle';
    proxy.times = 3;
    for (let i = 0; i < 200; i++) h.log({ level: 'info', message: `busy ${i}` });

    const started = performance.now();
    expect(await h.shipper.flush()).toEqual({ delivered: 200, spooled: 0, deadLettered: 0, dropped: 0 });
    // Three answers each asked for 250 ms: the shipper waited at least that long in all.
    expect(performance.now() - started).toBeGreaterThanOrEqual(745);
    expect(proxy.counts.throttle).toBe(3);
    expect(h.events.filter((e) => e.type === 'retrying')).toHaveLength(3);
    expect(h.outages()).toBe(0);
    expect(h.shipper.stats().spool.records).toBe(0);
    expect(await h.delivered()).toBe(200);
    await expectBalanced(h);
  });

  it('keeps the queue within its bound while a batch waits, spilling the overflow to disk and delivering it afterwards', async () => {
    const h = await startShipper(proxied, names, {
      flushIntervalMs: 60_000,
      maxQueueRecords: 50,
      batchRecords: 50,
      maxInFlight: 1,
      initialBackoffMs: 10,
    });
    harnesses.push(h);
    proxy.retryAfter = '0.2';
    proxy.mode = 'throttle';
    proxy.times = 4;
    let deepest = 0;
    for (let i = 0; i < 300; i++) {
      h.log({ level: 'info', message: `overflow ${i}` });
      deepest = Math.max(deepest, h.shipper.stats().queued);
    }
    const report = await h.shipper.flush();
    expect(deepest).toBeLessThanOrEqual(50);
    expect(report.delivered + report.spooled).toBe(300);
    expect(report.spooled).toBeGreaterThan(0);
    // What overflowed to disk is replayed once the cluster takes records again.
    await h.until(
      (events) =>
        events.filter((e) => e.type === 'delivered').reduce((n, e) => n + (e as { records: number }).records, 0) >= 300,
    );
    expect(await h.delivered()).toBe(300);
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });
});

describe('the outage probe exercises the write path', () => {
  it('gets an answer from the bulk endpoint whether or not the meta index exists, and creates nothing', async () => {
    expect(await probeWritePath(client, names.meta, 5_000)).toEqual({ up: true });
    const absent = `${names.prefix}-absent-meta`;
    expect(await probeWritePath(client, absent, 5_000)).toEqual({ up: true });
    const { body: created } = await client.indices.exists({ index: absent });
    expect(created).toBe(false);
  });

  it('reports the cluster up while it only answers 429, and down while connections are refused', async () => {
    proxy.match = '_bulk';
    proxy.mode = 'throttle';
    proxy.times = 1;
    expect(await probeWritePath(proxied, names.meta, 2_000)).toEqual({ up: true });
    proxy.mode = 'down';
    try {
      expect(await probeWritePath(proxied, names.meta, 2_000)).toMatchObject({ up: false });
    } finally {
      proxy.mode = 'pass';
    }
  });
});
