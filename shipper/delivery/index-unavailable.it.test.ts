import { describe, expect, it } from 'vitest';
import { listDeadLetters } from '../dead-letter/list-dead-letters.ts';
import { replayDeadLetters } from '../dead-letter/replay-dead-letters.ts';
import { codes, expectBalanced, inside, log, monthsAgo } from './fixtures/index-failure-helpers.ts';
import { failureShippers } from './fixtures/failure-shippers.ts';
import type { HarnessOptions } from './fixtures/isolation-harness.ts';

// One setup for the file (it takes seconds); each test has its own periods and its own producer.
const suite = failureShippers('isolate');
const client = suite.client;
const names = () => suite.names();
const shipper = (options: HarnessOptions = {}, through = client) => suite.start(names(), options, through);

describe('an existing index that stops taking writes holds up only its own records', () => {
  it('dead-letters the records of a write-blocked index as read_only, delivers the rest of the batch, and replays them once writable', async () => {
    const cold = monthsAgo(3);
    const h = await shipper();
    log(h, 2, { '@timestamp': inside(cold) });
    await h.shipper.flush();
    await client.indices.putSettings({ index: names().logIndex(cold), body: { 'index.blocks.write': true } as never });

    log(h, 20, { '@timestamp': inside(cold) });
    log(h, 50);
    expect(await h.shipper.flush()).toEqual({ delivered: 50, deadLettered: 20, spooled: 0, dropped: 0 });
    expect(await codes(h)).toEqual(Array(20).fill('read_only'));
    expect(h.outages()).toBe(0);
    await expectBalanced(h);

    await client.indices.putSettings({ index: names().logIndex(cold), body: { 'index.blocks.write': false } as never });
    // Selected by reason code, as `synclog dead-letter replay --all --reason-code read_only` does.
    expect((await listDeadLetters(client, names(), { reasonCode: 'read_only' })).total).toBe(20);
    const replay = await replayDeadLetters(client, names(), 'month', { reasonCode: 'read_only' });
    expect(replay.counts.created).toBe(20);
    expect(await h.delivered(names().logIndex(cold))).toBe(22);
  });

  it('recreates a period index deleted mid-stream and delivers its records there, with no dead letter', async () => {
    const period = monthsAgo(2);
    const h = await shipper();
    log(h, 10, { '@timestamp': inside(period) });
    await h.shipper.flush();
    await client.indices.delete({ index: names().logIndex(period) });

    log(h, 15, { '@timestamp': inside(period) });
    log(h, 30);
    expect(await h.shipper.flush()).toEqual({ delivered: 45, deadLettered: 0, spooled: 0, dropped: 0 });
    expect(await h.delivered(names().logIndex(period))).toBe(15);
    expect(await h.delivered()).toBe(45);
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });

  it('dead-letters the records of a closed index as index_closed and delivers the rest', async () => {
    const period = monthsAgo(4);
    const h = await shipper();
    log(h, 3, { '@timestamp': inside(period) });
    await h.shipper.flush();
    await client.indices.close({ index: names().logIndex(period) });

    log(h, 7, { '@timestamp': inside(period) });
    log(h, 30);
    expect(await h.shipper.flush()).toEqual({ delivered: 30, deadLettered: 7, spooled: 0, dropped: 0 });
    expect(await codes(h)).toEqual(Array(7).fill('index_closed'));
    expect(h.outages()).toBe(0);
    await expectBalanced(h);
  });
});
