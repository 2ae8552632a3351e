import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { newEventId } from '../record/event-id.ts';
import { indexNames } from '../record/index-names.ts';
import { periodOf } from '../record/index-period.ts';
import { runSetup } from '../setup/run-setup.ts';
import { setupConfigFromEnv } from '../setup/setup-config.ts';
import { createOpenSearchClient } from '../client/create-client.ts';
import { inject } from 'vitest';
import { createLogIndexEnsurer } from './ensure-log-index.ts';

const client = testClient();
const prefix = uniquePrefix('idx');
const names = indexNames(prefix);

const record = (timestamp: string, extra: Record<string, unknown> = {}) => ({
  '@timestamp': timestamp,
  ingested_at: new Date().toISOString(),
  event_id: newEventId(Date.parse(timestamp)),
  producer_id: 'producer-1',
  producer_seq: 0,
  level: 'info',
  message: 'Imported customer from 1C',
  service: { name: 'crm-sync' },
  ...extra,
});

const search = async (query: object) => {
  const { body } = await client.search({ index: names.readAlias, body: { query } as never });
  return (body.hits.hits as Array<{ _id: string }>).map((h) => h._id);
};

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
});
afterAll(() => dropPrefix(client, prefix));

describe('event-time log indices on a real node', () => {
  it("writes a record to its period's index, which has the record mapping and the read alias", async () => {
    const r = record('2026-11-23T10:00:00.000Z');
    const [result] = await writeRecords(client, names, 'month', [r]);
    expect(result?.status).toBe(201);
    const { body } = await client.indices.get({ index: `${prefix}-logs-2026.11` });
    const index = (
      body as Record<
        string,
        { mappings: { dynamic: string; properties: Record<string, { type?: string }> }; aliases: object }
      >
    )[`${prefix}-logs-2026.11`]!;
    expect(index.mappings.dynamic).toBe('strict');
    expect(index.mappings.properties.details?.type).toBe('flat_object');
    expect(index.mappings.properties['@timestamp']?.type).toBe('date');
    expect(Object.keys(index.aliases)).toEqual([names.readAlias]);
  });

  it("puts last year's record in last year's index, created with that period's start as its creation date", async () => {
    const r = record('2025-03-17T08:30:00.000Z');
    await writeRecords(client, names, 'month', [r]);
    const { body } = await client.indices.getSettings({ index: `${prefix}-logs-2025.03`, name: 'index.creation_date' });
    const created = Number(
      (body as Record<string, { settings: { index: { creation_date: string } } }>)[`${prefix}-logs-2025.03`]!.settings
        .index.creation_date,
    );
    expect(new Date(created).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(await search({ ids: { values: [r.event_id] } })).toEqual([r.event_id]);
  });

  it('lets three producers create the same new back-dated period at once, all succeeding', async () => {
    const producers = [1, 2, 3].map(() => createOpenSearchClient({ urls: [inject('opensearchUrl')] }));
    const period = periodOf('2024-06-15T12:00:00Z', 'month');
    const results = await Promise.all(
      producers.map(async (producerClient, i) => {
        const index = await createLogIndexEnsurer(producerClient, names).ensure(period);
        const r = record(`2024-06-1${i}T12:00:00.000Z`, { producer_id: `producer-${i}` });
        const { body } = await producerClient.index({
          index,
          id: r.event_id,
          op_type: 'create',
          body: r,
          refresh: true,
        } as never);
        return body.result;
      }),
    );
    expect(results).toEqual(['created', 'created', 'created']);
    const { body } = await client.indices.getSettings({ index: `${prefix}-logs-2024.06`, name: 'index.creation_date' });
    const created = Number(
      (body as Record<string, { settings: { index: { creation_date: string } } }>)[`${prefix}-logs-2024.06`]!.settings
        .index.creation_date,
    );
    expect(created).toBe(period.start.getTime());
    const { body: count } = await client.count({ index: `${prefix}-logs-2024.06` });
    expect(count.count).toBe(3);
    await Promise.all(producers.map((p) => p.close()));
  });

  it('refuses a write to a log index that was not created first, instead of auto-creating it dated now', async () => {
    const r = record('2023-01-10T00:00:00.000Z');
    const { body } = await client.bulk({
      body: [{ create: { _index: `${prefix}-logs-2023.01`, _id: r.event_id } }, r] as never,
    });
    const item = (body.items as Array<{ create: { status: number; error?: { type: string } } }>)[0]!.create;
    expect(item.status).toBe(404);
    expect(item.error?.type).toBe('index_not_found_exception');
    const { body: exists } = await client.indices.exists({ index: `${prefix}-logs-2023.01` });
    expect(exists).toBe(false);
  });

  it('rejects an unknown top-level field', async () => {
    const [result] = await writeRecords(client, names, 'month', [
      record('2026-11-20T00:00:00.000Z', { surprise: 'x' }),
    ]);
    expect(result?.status).toBe(400);
    expect(result?.error?.type).toBe('strict_dynamic_mapping_exception');
  });

  it('finds arbitrarily nested details by key path', async () => {
    const r = record('2026-11-21T00:00:00.000Z', {
      details: { source: { system: '1c', table: { name: 'Контрагенты', rows: [{ id: 7, flags: ['new'] }] } } },
    });
    await writeRecords(client, names, 'month', [r]);
    expect(await search({ term: { 'details.source.table.name': 'Контрагенты' } })).toEqual([r.event_id]);
    expect(await search({ term: { 'details.source.table.rows.flags': 'new' } })).toEqual([r.event_id]);
    expect(await search({ term: { 'details.source.table.name': 'Номенклатура' } })).toEqual([]);
  });

  it('finds a customer by e-mail whatever its case', async () => {
    const r = record('2026-11-22T00:00:00.000Z', { customer_email: 'Ivan.Petrov@Example.RU' });
    await writeRecords(client, names, 'month', [r]);
    expect(await search({ term: { customer_email: 'ivan.petrov@example.ru' } })).toEqual([r.event_id]);
    expect(await search({ term: { customer_email: 'IVAN.PETROV@EXAMPLE.RU' } })).toEqual([r.event_id]);
  });

  it('keeps the dead-letter index out of the read alias', async () => {
    await client.index({
      index: names.deadLetter,
      body: { '@timestamp': new Date().toISOString(), reason: 'x', error_type: 'validation', raw: '{}' },
      refresh: true,
    });
    const { body } = await client.indices.getAlias({ name: names.readAlias });
    expect(Object.keys(body).every((index) => names.periodOfIndex(index) !== null)).toBe(true);
    expect(Object.keys(body)).not.toContain(names.deadLetter);
  });

  it('counts a retried write of the same record once', async () => {
    const r = record('2026-11-23T12:00:00.000Z');
    const [first] = await writeRecords(client, names, 'month', [r]);
    const [second] = await writeRecords(client, names, 'month', [r]);
    expect([first?.status, second?.status]).toEqual([201, 409]);
    expect(await search({ ids: { values: [r.event_id] } })).toHaveLength(1);
  });
});
