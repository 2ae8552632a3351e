import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../opensearch.ts';
import { writeRecords } from '../write-records.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { expectedFigures, generateRecords } from './index.ts';

const client = testClient();
const prefix = uniquePrefix('gen');
const names = indexNames(prefix);
const records = generateRecords({
  seed: 42,
  count: 2_000,
  from: new Date('2026-09-25T00:00:00Z'),
  to: new Date('2026-11-05T00:00:00Z'),
});
const expected = expectedFigures(records);

type Buckets = { buckets: Array<{ key: string; doc_count: number }> };
const aggregate = async (aggs: Record<string, unknown>, query: object = { match_all: {} }) => {
  const { body } = await client.search({
    index: names.readAlias,
    body: { size: 0, track_total_hits: true, query, aggs } as never,
  });
  return body as { hits: { total: { value: number } }; aggregations: Record<string, Buckets> };
};
const asCounts = (agg: Buckets) => Object.fromEntries(agg.buckets.map((b) => [b.key, b.doc_count]));
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  const results = await writeRecords(client, names, 'month', records);
  const rejected = results.filter((r) => r.status !== 201);
  expect(rejected).toEqual([]);
});
afterAll(() => dropPrefix(client, prefix));

describe('seeded records in a real node', () => {
  it('are all accepted by the strict mapping and spread over their event-time monthly indices', async () => {
    const { body } = await client.cat.indices({ index: names.logsPattern, format: 'json', h: 'index' } as never);
    expect((body as unknown as Array<{ index: string }>).map((i) => i.index).sort()).toEqual([
      `${prefix}-logs-2026.09`,
      `${prefix}-logs-2026.10`,
      `${prefix}-logs-2026.11`,
    ]);
    const result = await aggregate({});
    expect(result.hits.total.value).toBe(expected.totalRecords);
  });

  it('give the expected counts by status, operation type and level', async () => {
    const result = await aggregate({
      status: { terms: { field: 'status', size: 10 } },
      type: { terms: { field: 'operation_type', size: 10 } },
      level: { terms: { field: 'level', size: 10 } },
    });
    expect(asCounts(result.aggregations.status!)).toEqual(nonZero(expected.recordsByStatus));
    expect(asCounts(result.aggregations.type!)).toEqual(nonZero(expected.recordsByOperationType));
    expect(asCounts(result.aggregations.level!)).toEqual(nonZero(expected.recordsByLevel));
  });

  it('give the expected records per UTC day and top error fingerprints', async () => {
    const result = await aggregate({
      days: {
        date_histogram: { field: '@timestamp', calendar_interval: 'day', format: 'yyyy-MM-dd', min_doc_count: 1 },
      },
      fingerprints: {
        terms: {
          field: 'error_fingerprint',
          size: expected.topErrorFingerprints.length,
          order: [{ _count: 'desc' }, { _key: 'asc' }],
        },
      },
    });
    const days = Object.fromEntries(
      (result.aggregations.days!.buckets as Array<{ key_as_string?: string; doc_count: number }>).map((b) => [
        b.key_as_string,
        b.doc_count,
      ]),
    );
    expect(days).toEqual(expected.recordsByDay);
    expect(result.aggregations.fingerprints!.buckets.map((b) => ({ fingerprint: b.key, count: b.doc_count }))).toEqual(
      expected.topErrorFingerprints,
    );
  });

  it('find every record of a customer by e-mail in any case', async () => {
    const [email, count] = Object.entries(expected.recordsByCustomerEmail).sort((a, b) => b[1] - a[1])[0]!;
    const upper = await aggregate({}, { term: { customer_email: email.toUpperCase() } });
    expect(upper.hits.total.value).toBe(count);
  });
});
