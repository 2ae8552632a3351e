import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import type { DeadLetter } from '../../opensearch/record/dead-letter.ts';
import { newEventId } from '../../opensearch/record/event-id.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { listDeadLetters } from './list-dead-letters.ts';
import { replayDeadLetters } from './replay-dead-letters.ts';
import { showDeadLetter } from './show-dead-letter.ts';

const client = testClient();
const prefix = uniquePrefix('dlq');
const names = indexNames(prefix);

const record = (extra: Record<string, unknown> = {}) => ({
  '@timestamp': '2026-11-23T10:00:00.000Z',
  ingested_at: '2026-11-23T10:00:01.000Z',
  event_id: newEventId(Date.parse('2026-11-23T10:00:00Z')),
  producer_id: 'producer-1',
  producer_seq: 0,
  level: 'info',
  message: 'Imported customer from 1C',
  service: { name: 'crm-sync' },
  ...extra,
});

/** Stores a dead letter as the shipper does (id chosen by OpenSearch); returns its id. */
async function deadLetter(fields: Partial<DeadLetter> & { raw: string }): Promise<string> {
  const { body } = await client.index({
    index: names.deadLetter,
    body: {
      '@timestamp': new Date().toISOString(),
      reason: 'failed to parse field [details]',
      error_type: 'mapper_parsing_exception',
      status: 400,
      ...fields,
    },
    refresh: true,
  });
  return body._id;
}

const stored = async (eventId: string) => {
  const { body } = await client.count({ index: names.readAlias, body: { query: { ids: { values: [eventId] } } } });
  return body.count;
};

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
});
afterAll(() => dropPrefix(client, prefix));

describe('dead letters on a real node', () => {
  it('lists dead letters newest first, filtered by error type and time, with the total beyond the limit', async () => {
    const older = await deadLetter({ '@timestamp': '2026-10-01T00:00:00.000Z', error_type: 'list-test', raw: '{}' });
    const newer = await deadLetter({ '@timestamp': '2026-10-02T00:00:00.000Z', error_type: 'list-test', raw: '{}' });
    await deadLetter({ '@timestamp': '2026-10-03T00:00:00.000Z', error_type: 'validation', raw: '{}' });

    const list = await listDeadLetters(client, names, { errorType: 'list-test', limit: 1 });
    expect(list.total).toBe(2);
    expect(list.deadLetters.map((d) => d.id)).toEqual([newer]);
    const early = await listDeadLetters(client, names, {
      errorType: 'list-test',
      to: new Date('2026-10-02T00:00:00Z'),
    });
    expect(early.deadLetters.map((d) => d.id)).toEqual([older]);
  });

  it('shows one dead letter by id, and nothing for an unknown id', async () => {
    const raw = JSON.stringify(record());
    const id = await deadLetter({ raw, producer_id: 'producer-1', producer_seq: 0 });
    expect(await showDeadLetter(client, names, id)).toEqual({
      id,
      deadLetter: expect.objectContaining({ raw, error_type: 'mapper_parsing_exception' }),
    });
    expect(await showDeadLetter(client, names, 'no-such-id')).toBeNull();
  });

  it('replays a record once its cause is fixed, and a second replay skips it without a duplicate', async () => {
    const r = record({ producer_seq: 1 });
    const id = await deadLetter({ raw: JSON.stringify(r), event_id: r.event_id });
    const at = new Date('2026-11-24T08:00:00.000Z');

    const first = await replayDeadLetters(client, names, 'month', { ids: [id], now: () => at });
    expect(first.items).toEqual([{ id, outcome: 'created', index: `${prefix}-logs-2026.11` }]);
    expect(first.counts).toMatchObject({ created: 1, replayed: 1, skipped: 0 });
    expect(await stored(r.event_id)).toBe(1);
    expect((await showDeadLetter(client, names, id))?.deadLetter).toMatchObject({
      replayed_at: at.toISOString(),
      replay_result: 'created',
    });

    const again = await replayDeadLetters(client, names, 'month', { ids: [id] });
    expect(again.items).toEqual([{ id, outcome: 'skipped', replayedAt: at.toISOString() }]);
    expect(again.counts).toMatchObject({ created: 0, replayed: 0, skipped: 1 });
    expect(await stored(r.event_id)).toBe(1);
  });

  it('counts a record that was delivered meanwhile as replayed, without writing it twice', async () => {
    const r = record({ producer_seq: 2 });
    await writeRecords(client, names, 'month', [r]);
    const id = await deadLetter({ raw: JSON.stringify(r) });
    const report = await replayDeadLetters(client, names, 'month', { ids: [id] });
    expect(report.items).toEqual([{ id, outcome: 'already_present', index: `${prefix}-logs-2026.11` }]);
    expect(report.counts).toMatchObject({ alreadyPresent: 1, replayed: 1 });
    expect(await stored(r.event_id)).toBe(1);
  });

  it('reports a dead letter whose raw is not a record as not replayable and leaves it unmarked', async () => {
    const id = await deadLetter({ error_type: 'validation', raw: JSON.stringify({ level: 'info', message: 42 }) });
    const report = await replayDeadLetters(client, names, 'month', { ids: [id, 'no-such-id'] });
    expect(report.items).toEqual([
      { id, outcome: 'not_replayable', reason: expect.stringMatching(/^not a valid record: /) },
      { id: 'no-such-id', outcome: 'not_found' },
    ]);
    expect((await showDeadLetter(client, names, id))?.deadLetter.replayed_at).toBeUndefined();
  });

  it('keeps a record OpenSearch still refuses, with its reason', async () => {
    const r = record({ producer_seq: 3, details: { note: 'x'.repeat(40_000) } });
    const id = await deadLetter({ raw: JSON.stringify(r) });
    const report = await replayDeadLetters(client, names, 'month', { ids: [id] });
    expect(report.items).toEqual([
      { id, outcome: 'rejected', reason: expect.stringMatching(/^400 illegal_argument_exception: .*immense term/) },
    ]);
    expect(await stored(r.event_id)).toBe(0);
    expect((await showDeadLetter(client, names, id))?.deadLetter.replayed_at).toBeUndefined();
  });

  it('reports a record whose period index cannot be created as rejected and goes on with the others', async () => {
    const yearZero = record({ '@timestamp': '0000-01-01T00:00:00.000Z' });
    const fine = record({ producer_seq: 4 });
    const bad = await deadLetter({ raw: JSON.stringify(yearZero) });
    const good = await deadLetter({ raw: JSON.stringify(fine) });
    const report = await replayDeadLetters(client, names, 'month', { ids: [bad, good] });
    expect(report.items).toEqual([
      {
        id: bad,
        outcome: 'rejected',
        reason: expect.stringMatching(/^400 illegal_argument_exception: cannot create .*creation_date/),
      },
      { id: good, outcome: 'created', index: `${prefix}-logs-2026.11` },
    ]);
  });

  it('replays every dead letter matching a filter, writes nothing on a dry run, and skips them the second time', async () => {
    const records = [record({ producer_seq: 10 }), record({ producer_seq: 11 })];
    for (const r of records) await deadLetter({ error_type: 'replay-all', raw: JSON.stringify(r) });
    await deadLetter({ error_type: 'replay-all', raw: 'not json' });

    const dry = await replayDeadLetters(client, names, 'month', { errorType: 'replay-all', dryRun: true });
    expect(dry.counts).toMatchObject({ wouldReplay: 2, notReplayable: 1, replayed: 0 });
    expect(await stored(records[0]!.event_id)).toBe(0);

    const first = await replayDeadLetters(client, names, 'month', { errorType: 'replay-all', pageSize: 2 });
    expect(first.counts).toMatchObject({ created: 2, notReplayable: 1, skipped: 0 });
    const second = await replayDeadLetters(client, names, 'month', { errorType: 'replay-all' });
    expect(second.counts).toMatchObject({ created: 0, alreadyPresent: 0, notReplayable: 1, skipped: 2 });
    for (const r of records) expect(await stored(r.event_id)).toBe(1);
    const { body } = await client.count({
      index: names.deadLetter,
      body: { query: { term: { error_type: 'replay-all' } } },
    });
    expect(body.count).toBe(3);
  });
});
