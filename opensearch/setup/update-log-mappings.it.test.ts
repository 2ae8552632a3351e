import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { deadLetterMapping } from '../record/dead-letter.ts';
import { recordFields } from '../record/fields.ts';
import { indexNames } from '../record/index-names.ts';
import { recordAnalysis, recordMapping } from '../record/mapping.ts';
import { runSetup, type SetupReport } from './run-setup.ts';
import { setupConfigFromEnv } from './setup-config.ts';

const client = testClient();
const prefix = uniquePrefix('evolve');
const names = indexNames(prefix);
const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
const NEW_FIELDS = [
  'operation_key',
  'event_time_raw',
  'validation_issues',
  'invalid',
  'import_source',
  'assigned_role',
  'export_destination',
  'export_format',
  'resolution_strategy',
  'resolution_method',
] as const;
const openIndex = `${prefix}-logs-2026.01`;
const closedIndex = `${prefix}-logs-2026.02`;

/** The log mapping as it was before the fields above existed. */
function oldRecordMapping() {
  const mapping = structuredClone(recordMapping()) as { properties: Record<string, unknown> };
  for (const name of NEW_FIELDS) delete mapping.properties[name];
  return mapping;
}

async function mappedProperties(index: string): Promise<Record<string, Record<string, unknown>>> {
  const { body } = await client.indices.getMapping({ index });
  return (body as Record<string, { mappings: { properties: Record<string, Record<string, unknown>> } }>)[index]!
    .mappings.properties;
}

const actionsOf = (report: SetupReport) =>
  Object.fromEntries(report.changes.map((c) => [`${c.kind} ${c.name}`, c.action]));

beforeAll(async () => {
  // Indices an older synclog created, before setup knew the new fields.
  for (const index of [openIndex, closedIndex]) {
    await client.indices.create({
      index,
      body: { settings: { analysis: recordAnalysis() }, mappings: oldRecordMapping() } as never,
    });
  }
  await client.indices.close({ index: closedIndex });
  const oldDeadLetter = structuredClone(deadLetterMapping()) as { properties: Record<string, unknown> };
  delete oldDeadLetter.properties.reason_code;
  await client.indices.create({ index: names.deadLetter, body: { mappings: oldDeadLetter } as never });
});

afterAll(() => dropPrefix(client, prefix));

describe('setup brings existing indices up to the current mappings', () => {
  let first: SetupReport;

  it('adds the new record fields to an open log index, skips a closed one, and adds reason_code to the dead letters', async () => {
    // Before setup, the strict old mapping refuses a record with a new field.
    const refused = await client.index({ index: openIndex, body: { operation_key: 'k' } } as never).then(
      () => null,
      (e: { meta?: { body?: { error?: { type?: string } } } }) => e.meta?.body?.error?.type,
    );
    expect(refused).toBe('strict_dynamic_mapping_exception');

    first = await runSetup(client, config);
    const actions = actionsOf(first);
    expect(actions[`log index ${openIndex}`]).toBe('updated');
    expect(actions[`log index ${closedIndex}`]).toBe('skipped');
    expect(actions[`index ${names.deadLetter}`]).toBe('updated');
    const detail = first.changes.find((c) => c.name === openIndex)?.detail ?? '';
    for (const name of NEW_FIELDS) expect(detail).toContain(name);
    expect(first.changes.find((c) => c.name === closedIndex)?.detail).toBe('closed');

    const properties = await mappedProperties(openIndex);
    for (const name of NEW_FIELDS) expect(properties[name]).toMatchObject(recordFields[name].mapping);
    expect((await mappedProperties(names.deadLetter)).reason_code).toEqual({ type: 'keyword' });
  });

  it('lets the updated log index take a flagged record that uses the new fields', async () => {
    const record = {
      '@timestamp': '2026-01-15T10:00:00.000Z',
      ingested_at: '2026-01-15T10:00:00.000Z',
      message: 'plain winston record with an unreadable time',
      operation_type: 'crm_push',
      operation_key: '4a4f1b3c-0000-4000-8000-000000000001',
      event_time_raw: '15.01.2026 10:00:00',
      validation_issues: ['event_time_unreadable', 'duration_ms_invalid'],
      invalid: { duration_ms: 'twelve' },
      import_source: 'exchange_plan',
      assigned_role: 'dealer',
      export_destination: 'ut11-main',
      export_format: 'commerceml',
      resolution_strategy: '1c_wins',
      resolution_method: 'automatic',
    };
    const { statusCode } = await client.index({
      index: openIndex,
      id: 'flagged-1',
      body: record,
      refresh: true,
    } as never);
    expect(statusCode).toBe(201);
    const search = async (query: object) =>
      (await client.search({ index: openIndex, body: { query } } as never)).body.hits.hits.map((h) => h._id);
    expect(await search({ term: { validation_issues: 'duration_ms_invalid' } })).toEqual(['flagged-1']);
    expect(await search({ term: { 'invalid.duration_ms': 'twelve' } })).toEqual(['flagged-1']);
    expect(await search({ term: { operation_key: record.operation_key } })).toEqual(['flagged-1']);
    // The loggers' typed fields arrive aggregatable, as keywords.
    const { body } = await client.search({
      index: openIndex,
      body: { size: 0, aggs: { by: { terms: { field: 'export_format' } } } },
    } as never);
    expect((body.aggregations as { by: { buckets: unknown[] } }).by.buckets).toEqual([
      { key: 'commerceml', doc_count: 1 },
    ]);

    const { statusCode: deadLetterStatus } = await client.index({
      index: names.deadLetter,
      body: {
        '@timestamp': record['@timestamp'],
        reason: 'index closed',
        reason_code: 'index_closed',
        error_type: 'index_closed_exception',
        raw: '{}',
      },
      refresh: true,
    } as never);
    expect(deadLetterStatus).toBe(201);
  });
});

describe('a second setup run', () => {
  it('changes nothing on a second run, and still reports the closed index as skipped', async () => {
    const second = await runSetup(client, config);
    const notUnchanged = second.changes.filter((c) => c.action !== 'unchanged');
    expect(notUnchanged).toEqual([{ kind: 'log index', name: closedIndex, action: 'skipped', detail: 'closed' }]);
    expect(actionsOf(second)[`log index ${openIndex}`]).toBe('unchanged');
  });
});
