import { describe, expect, it } from 'vitest';
import { periodsInWindow } from '../../opensearch/record/event-window.ts';
import { normaliseRecord } from '../record/normalise-record.ts';
import { deadPid, tempRoot, writeProducerDir } from '../spool/fixtures/spool-fixtures.ts';
import { bulkEntry } from './bulk-entry.ts';
import { expectBalanced } from './fixtures/index-failure-helpers.ts';
import { DAY, RETENTION_DAYS, failureShippers } from './fixtures/failure-shippers.ts';

const { client, names, start } = failureShippers('records-horizon');

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

describe('event times far from the present affect only their own records', () => {
  it('keeps 1,500 records spread over centuries within the index bound, delivers every storable one, and leaves the cluster able to create indices', async () => {
    const on = names();
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
    const h = await start(on);
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
      index: on.logsPattern,
      format: 'json',
      h: 'index',
    } as never);
    expect((indices as unknown[]).length).toBeLessThanOrEqual(
      periodsInWindow({ deleteDays: RETENTION_DAYS, clockSkewMs: 300_000, period: 'month' }) + 1,
    );
    await client.indices.create({ index: `${on.prefix}-canary` });
    await client.indices.delete({ index: `${on.prefix}-canary` });
    const counters = await h.counters();
    expect(counters.byReason).toEqual({ event_time_expired: expired });
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });
});

describe('a record replayed from a spool meets the same horizon as a logged one', () => {
  it('dead-letters as event_time_expired a record replayed from an old spool whose period is past the horizon, and creates no index for it', async () => {
    const on = names();
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
      bulkEntry(on.logIndexFor(old, 'month'), record(old, 0), -1),
      bulkEntry(on.logIndexFor(Date.now(), 'month'), record(Date.now(), 1), -1),
    ];
    writeProducerDir(root, 'crashed', { pid: deadPid() }, [lines.map((e) => e.lines.toString('utf8')).join('')]);

    const h = await start(on, { spoolRoot: root });
    await h.until(
      (events) => events.some((e) => e.type === 'delivered') && events.some((e) => e.type === 'dead-letter'),
    );
    await h.shipper.flush();
    await client.indices.refresh({ index: on.deadLetter });
    const letters = await client.search({
      index: on.deadLetter,
      body: { query: { term: { producer_id: 'crashed' } } } as never,
    });
    expect(
      (letters.body.hits.hits as Array<{ _source: { reason_code: string } }>).map((hit) => hit._source.reason_code),
    ).toEqual(['event_time_expired']);
    const { body: exists } = await client.indices.exists({ index: on.logIndexFor(old, 'month') });
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
