import { describe, expect, it } from 'vitest';
import { periodOf } from '../../opensearch/record/index-period.ts';
import { recordAnalysis, recordMapping } from '../../opensearch/record/mapping.ts';
import { expectBalanced } from './fixtures/index-failure-helpers.ts';
import { DAY, failureShippers } from './fixtures/failure-shippers.ts';

const { client, fresh, names, start } = failureShippers('records-mapping');

describe('one bad record affects that record only', () => {
  it('dead-letters poison records as mapping and delivers the valid records of the same bulk request', async () => {
    const poisoned = periodOf(Date.now() - 62 * DAY, 'month');
    // An index whose mapping disagrees with some records: onec_id as a number.
    await client.indices.create({
      index: names().logIndex(poisoned),
      body: {
        settings: { index: { creation_date: poisoned.start.getTime() } },
        mappings: { properties: { onec_id: { type: 'long' } } },
      } as never,
    });
    const at = new Date(poisoned.start.getTime() + DAY).toISOString();
    const h = await start(names());
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
});

describe('a newer shipper against an older setup', () => {
  it('moves the fields the older strict mapping lacks under details and delivers every record', async () => {
    const older = await fresh();
    const missing = ['operation_key', 'event_time_raw', 'validation_issues', 'invalid'];
    const mapping = recordMapping();
    const properties = Object.fromEntries(
      Object.entries(mapping.properties).filter(([field]) => !missing.includes(field)),
    );
    await client.cluster.putComponentTemplate({
      name: `${older.prefix}-logs-mappings`,
      body: { template: { settings: { analysis: recordAnalysis() }, mappings: { ...mapping, properties } } } as never,
    });
    const h = await start(older);
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
