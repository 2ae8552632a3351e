import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { createLogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import { newEventId } from '../../opensearch/record/event-id.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { periodOf } from '../../opensearch/record/index-period.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { verifySequences } from './verify-sequences.ts';

const client = testClient();
const prefix = uniquePrefix('verify');
const names = indexNames(prefix);

const HOUR = 3_600_000;
const BASE = Date.parse('2026-11-02T00:00:00Z');

const record = (producer: string, seq: number, time = BASE + seq * 1_000) => ({
  '@timestamp': new Date(time).toISOString(),
  ingested_at: new Date(time).toISOString(),
  event_id: newEventId(time),
  producer_id: producer,
  producer_seq: seq,
  level: 'info',
  message: 'Imported customer from 1C',
  service: { name: 'crm-sync' },
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
});
afterAll(() => dropPrefix(client, prefix));

describe('verifySequences on a real node', () => {
  it('reports a complete sequence as clean', async () => {
    await writeRecords(
      client,
      names,
      'month',
      range(0, 49).map((seq) => record('clean-1', seq)),
    );
    const report = await verifySequences(client, names, { producer: 'clean-1' });
    expect(report.clean).toBe(true);
    expect(report.producers).toEqual([
      {
        producerId: 'clean-1',
        first: 0,
        last: 49,
        records: 50,
        missing: 0,
        duplicates: 0,
        deadLettered: 0,
        gaps: [],
        gapsTruncated: false,
        repeats: [],
        repeatsTruncated: false,
      },
    ]);
    expect(report.totals).toEqual({ producers: 1, records: 50, missing: 0, duplicates: 0, deadLettered: 0 });
  });

  it('reports a missing seq as a gap and a seq written twice under two event ids as a repeat, exactly', async () => {
    const records = range(0, 19)
      .filter((seq) => seq !== 7 && seq !== 12 && seq !== 13)
      .map((seq) => record('faulty-1', seq));
    records.push(record('faulty-1', 4)); // same seq, a new event id: a second document
    await writeRecords(client, names, 'month', records);
    for (const pageSize of [10_000, 3]) {
      const report = await verifySequences(client, names, { producer: 'faulty-1', pageSize });
      expect(report.clean).toBe(false);
      expect(report.producers[0]).toMatchObject({
        first: 0,
        last: 19,
        records: 18,
        missing: 3,
        duplicates: 1,
        gaps: [
          { from: 7, to: 7 },
          { from: 12, to: 13 },
        ],
        repeats: [{ seq: 4, count: 2 }],
      });
    }
  });

  it('checks only the records of a time window, and no gap before or after the seqs seen in it', async () => {
    // seq n at hour n; seq 1 and seq 5 are missing.
    const records = range(0, 9)
      .filter((seq) => seq !== 1 && seq !== 5)
      .map((seq) => record('window-1', seq, BASE + seq * HOUR));
    records.push(...range(0, 9).map((seq) => record('window-2', seq, BASE + seq * HOUR)));
    await writeRecords(client, names, 'month', records);
    const report = await verifySequences(client, names, {
      producer: 'window-*',
      from: new Date(BASE + 3 * HOUR),
      to: new Date(BASE + 8 * HOUR),
    });
    expect(report.producers.map((p) => [p.producerId, p.first, p.last, p.records, p.gaps])).toEqual([
      ['window-1', 3, 7, 4, [{ from: 5, to: 5 }]],
      ['window-2', 3, 7, 5, []],
    ]);
    const before = await verifySequences(client, names, { producer: 'window-1', to: new Date(BASE + 5 * HOUR) });
    expect(before.producers[0]).toMatchObject({ first: 0, last: 4, gaps: [{ from: 1, to: 1 }] });
  });

  it('selects producers by exact id or by prefix', async () => {
    await writeRecords(client, names, 'month', [record('pick', 0), record('pick-a', 0), record('pick-b', 0)]);
    const exact = await verifySequences(client, names, { producer: 'pick' });
    const prefixed = await verifySequences(client, names, { producer: 'pick-*' });
    expect(exact.producers.map((p) => p.producerId)).toEqual(['pick']);
    expect(prefixed.producers.map((p) => p.producerId)).toEqual(['pick-a', 'pick-b']);
  });

  it('stays exact beyond one composite page: 25 000 records of two producers', async () => {
    // big-a: seqs 0..14 999 without 12 345 and with 11 111 twice; big-b: 0..9 999. 24 999 buckets.
    const docs = [
      ...range(0, 14_999)
        .filter((seq) => seq !== 12_345)
        .map((seq) => record('big-a', seq)),
      record('big-a', 11_111),
      ...range(0, 9_999).map((seq) => record('big-b', seq)),
    ];
    expect(docs).toHaveLength(25_000);
    const index = await createLogIndexEnsurer(client, names).ensure(periodOf(BASE, 'month'));
    const chunks = [0, 1, 2, 3].map((i) => docs.slice(i * 6_250, (i + 1) * 6_250));
    const responses = await Promise.all(
      chunks.map((chunk) =>
        client.bulk({ body: chunk.flatMap((doc) => [{ create: { _index: index, _id: doc.event_id } }, doc]) as never }),
      ),
    );
    expect(responses.map(({ body }) => body.errors)).toEqual([false, false, false, false]);
    await client.indices.refresh({ index });

    const report = await verifySequences(client, names, { producer: 'big-*' });
    expect(report.producers).toEqual([
      {
        producerId: 'big-a',
        first: 0,
        last: 14_999,
        records: 15_000,
        missing: 1,
        duplicates: 1,
        deadLettered: 0,
        gaps: [{ from: 12_345, to: 12_345 }],
        gapsTruncated: false,
        repeats: [{ seq: 11_111, count: 2 }],
        repeatsTruncated: false,
      },
      {
        producerId: 'big-b',
        first: 0,
        last: 9_999,
        records: 10_000,
        missing: 0,
        duplicates: 0,
        deadLettered: 0,
        gaps: [],
        gapsTruncated: false,
        repeats: [],
        repeatsTruncated: false,
      },
    ]);
    expect(report.totals).toEqual({ producers: 2, records: 25_000, missing: 1, duplicates: 1, deadLettered: 0 });
  });

  it('reports nothing, and clean, when no record matches', async () => {
    const report = await verifySequences(client, names, { producer: 'nobody' });
    expect(report).toEqual({
      producers: [],
      totals: { producers: 0, records: 0, missing: 0, duplicates: 0, deadLettered: 0 },
      clean: true,
    });
  });
});
