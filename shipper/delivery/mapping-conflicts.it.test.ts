import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodsInWindow } from '../../opensearch/record/event-window.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { periodOf } from '../../opensearch/record/index-period.ts';
import { recordAnalysis, recordMapping } from '../../opensearch/record/mapping.ts';
import { normaliseRecord } from '../record/normalise-record.ts';
import { deadPid, tempRoot, writeProducerDir } from '../spool/fixtures/spool-fixtures.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { bulkEntry } from './bulk-entry.ts';
import { balance, startShipper, type Harness } from './fixtures/isolation-harness.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'records');
const harnesses: Harness[] = [];
let names: IndexNames;
beforeAll(async () => {
  names = await prefixes.fresh();
});
afterAll(async () => {
  for (const h of harnesses) await h.shipper.close({ timeoutMs: 5_000 });
  await prefixes.dropAll();
});

const DAY = 86_400_000;
const RETENTION_DAYS = 730;

async function shipper(on: IndexNames, options: Parameters<typeof startShipper>[2] = {}) {
  const h = await startShipper(client, on, {
    flushIntervalMs: 60_000,
    batchRecords: 5_000,
    retentionDays: RETENTION_DAYS,
    ...options,
  });
  harnesses.push(h);
  return h;
}

async function expectBalanced(h: Harness) {
  const b = balance(await h.counters());
  expect(b.queuedOrRefused).toBe(b.calls);
  expect(b.settled).toBe(b.entered);
}

/** A small seeded generator (mulberry32): the same "random" times on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('one bad record affects that record only', () => {
  it('dead-letters poison records as mapping and delivers the valid records of the same bulk request', async () => {
    const poisoned = periodOf(Date.now() - 62 * DAY, 'month');
    // An index whose mapping disagrees with some records: onec_id as a number.
    await client.indices.create({
      index: names.logIndex(poisoned),
      body: {
        settings: { index: { creation_date: poisoned.start.getTime() } },
        mappings: { properties: { onec_id: { type: 'long' } } },
      } as never,
    });
    const at = new Date(poisoned.start.getTime() + DAY).toISOString();
    const h = await shipper(names);
    for (let i = 0; i < 100; i++)
      h.log({ level: 'info', message: `valid ${i}`, operation_type: 'import_from_1c', status: 'success' });
    for (let i = 0; i < 3; i++)
      h.log({ level: 'info', message: 'Cyrillic 1C id', '@timestamp': at, onec_id: `ЦБ-00012${i}` });
    for (let i = 0; i < 2; i++)
      h.log({ level: 'info', message: 'numeric 1C id', '@timestamp': at, onec_id: `100${i}` });

    expect(await h.shipper.flush()).toEqual({ delivered: 102, deadLettered: 3, spooled: 0, dropped: 0 });
    expect((await h.deadLetters()).map((l) => l.reason_code)).toEqual(['mapping', 'mapping', 'mapping']);
    expect(await h.delivered()).toBe(102);
    // One bulk request carried them all.
    expect(await h.registry.getSingleMetricAsString('synclog_shipper_batch_records')).toMatch(
      /^synclog_shipper_batch_records_count 1$/m,
    );
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });

  it('keeps 1,500 records spread over centuries within the index bound, delivers every storable one, and leaves the cluster able to create indices', async () => {
    const now = Date.now();
    const random = seeded(1_500);
    const from = Date.UTC(1500, 0, 1);
    const to = Date.UTC(2500, 0, 1);
    const times = Array.from({ length: 1_500 }, (_, i) =>
      i % 10 === 0 ? now - random() * 700 * DAY : from + random() * (to - from),
    );
    // Expired: the month's end plus the retention lies in the past (the lifecycle deleted it already).
    const expired = times.filter((t) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) + RETENTION_DAYS * DAY <= now;
    }).length;
    const h = await shipper(names);
    for (const t of times)
      expect(() =>
        h.log({
          level: 'info',
          message: 'centuries',
          '@timestamp': new Date(t).toISOString(),
          operation_type: 'sync_changes',
          status: 'success',
        }),
      ).not.toThrow();

    expect(await h.shipper.flush()).toEqual({
      delivered: 1_500 - expired,
      deadLettered: expired,
      spooled: 0,
      dropped: 0,
    });
    expect(expired).toBeGreaterThan(600);
    const { body: indices } = await client.cat.indices({
      index: names.logsPattern,
      format: 'json',
      h: 'index',
    } as never);
    expect((indices as unknown[]).length).toBeLessThanOrEqual(
      periodsInWindow({ deleteDays: RETENTION_DAYS, clockSkewMs: 300_000, period: 'month' }) + 1,
    );
    await client.indices.create({ index: `${names.prefix}-canary` });
    await client.indices.delete({ index: `${names.prefix}-canary` });
    const counters = await h.counters();
    expect(counters.byReason).toEqual({ event_time_expired: expired });
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });

  it('dead-letters as event_time_expired a record replayed from an old spool whose period is past the horizon, and creates no index for it', async () => {
    const root = await tempRoot();
    const old = Date.UTC(2020, 0, 15);
    const service = { name: 'isolation-test' };
    const record = (at: number, seq: number) => {
      const n = normaliseRecord(
        { level: 'info', message: 'spooled long ago' },
        { now: at, producerId: 'crashed', producerSeq: seq, service },
      );
      if (!n.ok) throw new Error(n.reason);
      return n.record;
    };
    const lines = [
      bulkEntry(names.logIndexFor(old, 'month'), record(old, 0), -1),
      bulkEntry(names.logIndexFor(Date.now(), 'month'), record(Date.now(), 1), -1),
    ];
    writeProducerDir(root, 'crashed', { pid: deadPid() }, [lines.map((e) => e.lines.toString('utf8')).join('')]);

    const h = await shipper(names, { spoolRoot: root });
    await h.until(
      (events) => events.some((e) => e.type === 'delivered') && events.some((e) => e.type === 'dead-letter'),
    );
    await h.shipper.flush();
    await client.indices.refresh({ index: names.deadLetter });
    const letters = await client.search({
      index: names.deadLetter,
      body: { query: { term: { producer_id: 'crashed' } } } as never,
    });
    expect(
      (letters.body.hits.hits as Array<{ _source: { reason_code: string } }>).map((hit) => hit._source.reason_code),
    ).toEqual(['event_time_expired']);
    const { body: exists } = await client.indices.exists({ index: names.logIndexFor(old, 'month') });
    expect(exists).toBe(false);
    const c = await h.counters();
    expect(c).toMatchObject({
      calls: 0,
      queued: 0,
      replayed: 2,
      sent: 1,
      deadLetteredInDelivery: 1,
      byReason: { event_time_expired: 1 },
    });
    await expectBalanced(h);
  });
});

describe('a newer shipper against an older setup', () => {
  it('moves the fields the older strict mapping lacks under details and delivers every record', async () => {
    const older = await prefixes.fresh();
    const missing = ['operation_key', 'event_time_raw', 'validation_issues', 'invalid'];
    const mapping = recordMapping();
    const properties = Object.fromEntries(
      Object.entries(mapping.properties).filter(([field]) => !missing.includes(field)),
    );
    await client.cluster.putComponentTemplate({
      name: `${older.prefix}-logs-mappings`,
      body: { template: { settings: { analysis: recordAnalysis() }, mappings: { ...mapping, properties } } } as never,
    });
    const h = await shipper(older);
    for (let i = 0; i < 20; i++)
      h.log({ level: 'info', message: `flagged ${i}`, operation_type: 'sync_changes', status: 'exploded' });
    for (let i = 0; i < 5; i++) h.log({ level: 'info', message: `future ${i}`, '@timestamp': '2999-01-01T00:00:00Z' });
    for (let i = 0; i < 5; i++) h.log({ level: 'info', message: `plain ${i}` });

    expect(await h.shipper.flush()).toEqual({ delivered: 30, deadLettered: 0, spooled: 0, dropped: 0 });
    await client.indices.refresh({ index: older.logsPattern });
    const { body } = await client.search({
      index: older.readAlias,
      body: { size: 100, query: { term: { producer_id: h.producerId } } } as never,
    });
    const docs = (
      body.hits.hits as Array<{ _source: Record<string, unknown> & { details?: Record<string, unknown> } }>
    ).map((hit) => hit._source);
    const flagged = docs.filter((d) => String(d.message).startsWith('flagged'));
    expect(flagged).toHaveLength(20);
    for (const d of flagged) {
      expect(d.details).toMatchObject({
        validation_issues: ['status_unknown'],
        invalid: { status: 'exploded' },
        operation_key: d.event_id,
      });
      for (const field of missing) expect(d[field]).toBeUndefined();
    }
    for (const d of docs.filter((doc) => String(doc.message).startsWith('future'))) {
      expect(d.details).toMatchObject({
        event_time_raw: '2999-01-01T00:00:00Z',
        validation_issues: ['event_time_future'],
      });
    }
    expect(docs.filter((d) => String(d.message).startsWith('plain')).every((d) => d.details === undefined)).toBe(true);
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });
});
