import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outcomeRecord } from '../../opensearch/query/operation-clauses.ts';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { runSynclog } from '../../test/run-synclog.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { savedObjects, toNdjson, type SavedObject } from './saved-objects.ts';

const client = testClient();
const prefix = uniquePrefix('osd');
let config: SetupConfig;
let objects: SavedObject[];
let seeded: SyncLogRecord[];
const T = Date.parse('2026-11-23T12:00:00Z');

beforeAll(async () => {
  const records = generateRecords({ seed: 31, count: 3_000, from: new Date(T - 86_400_000), to: new Date(T) });
  // As real apps log: outcomes without an id (keyed by their event id), a status the vocabulary refused, a progress line.
  const outcomes = records.filter((r) => r.operation_id && r.status !== 'pending').slice(0, 30);
  const withoutId = outcomes.slice(0, 10).map(({ operation_id: _, ...r }) => ({ ...r, operation_key: r.event_id }));
  const refused = outcomes
    .slice(10, 20)
    .map(({ status: _, ...r }) => ({ ...r, validation_issues: ['status_unknown'], invalid: { status: 'done?' } }));
  const progress = outcomes.slice(20, 30).map(({ status: _, ...r }) => ({ ...r, message: 'step 2 of 3' }));
  const changed = new Map<string, SyncLogRecord>(
    [...withoutId, ...refused, ...progress].map((r) => [r.event_id, r as SyncLogRecord]),
  );
  seeded = records.map((r) => changed.get(r.event_id) ?? r);
  config = await seedPrefix(client, prefix, seeded);
  objects = savedObjects(prefix);
});
afterAll(() => dropPrefix(client, prefix));

type Agg = { id: string; type: string; schema: string; params: { field?: string; size?: number; percents?: number[] } };
const visStateOf = (o: SavedObject) =>
  JSON.parse(String(o.attributes.visState)) as { type: string; aggs: Agg[]; params: Record<string, unknown> };
const searchSourceOf = (o: SavedObject) =>
  JSON.parse(String((o.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string }).searchSourceJSON)) as {
    query: { query: string };
  };

/** The simple KQL the objects use (`a:b`, `a:*`, `and`, `not`, one level of `(… or …)`) as an OpenSearch query. */
function kuery(text: string): Record<string, unknown> {
  const filter: unknown[] = [];
  const mustNot: unknown[] = [];
  const term = (clause: string) => {
    const [name, value] = clause.split(':') as [string, string];
    return value === '*' ? { exists: { field: name } } : { term: { [name]: value === 'true' ? true : value } };
  };
  for (const clause of text.split(/\s+and\s+/).filter(Boolean)) {
    if (clause.startsWith('('))
      filter.push({
        bool: {
          should: clause
            .slice(1, -1)
            .split(/\s+or\s+/)
            .map(term),
          minimum_should_match: 1,
        },
      });
    else if (clause.startsWith('not ')) mustNot.push(term(clause.slice(4)));
    else filter.push(term(clause));
  }
  return { bool: { filter, must_not: mustNot } };
}
const fieldsOfKuery = (text: string) => [...text.matchAll(/([\w.@]+):/g)].map((m) => m[1]!);

/** A visualisation's aggregations as a search: buckets nested in order, metrics at the leaves. */
function aggregationOf(vis: ReturnType<typeof visStateOf>): Record<string, unknown> {
  if (vis.type === 'metrics') {
    const series = (
      vis.params.series as Array<{ metrics: Array<{ numerator: { query: string }; denominator: { query: string } }> }>
    )[0]!.metrics[0]!;
    return {
      over_time: {
        date_histogram: { field: String(vis.params.time_field), fixed_interval: '1h' },
        aggs: {
          numerator: { filter: kuery(series.numerator.query) },
          denominator: { filter: kuery(series.denominator.query) },
        },
      },
    };
  }
  const metrics = Object.fromEntries(
    vis.aggs
      .filter((a) => a.schema === 'metric' && a.type !== 'count')
      .map((a) => [
        `m${a.id}`,
        { [a.type]: { field: a.params.field, ...(a.params.percents ? { percents: a.params.percents } : {}) } },
      ]),
  );
  const buckets = vis.aggs.filter((a) => a.schema !== 'metric');
  let inner: Record<string, unknown> = metrics;
  for (const a of [...buckets].reverse()) {
    const body =
      a.type === 'date_histogram'
        ? { date_histogram: { field: a.params.field, fixed_interval: '1h' } }
        : { terms: { field: a.params.field, size: a.params.size } };
    inner = { [`b${a.id}`]: { ...body, ...(Object.keys(inner).length ? { aggs: inner } : {}) } };
  }
  return inner;
}

describe('the OpenSearch Dashboards saved objects', () => {
  it('are the committed ndjson, and every reference resolves', async () => {
    const committed = await readFile(fileURLToPath(new URL('./synclog.ndjson', import.meta.url)), 'utf8');
    expect(committed).toBe(toNdjson(savedObjects('synclog')));
    const byKey = new Set(objects.map((o) => `${o.type}:${o.id}`));
    for (const o of objects)
      for (const ref of o.references)
        expect(byKey.has(`${ref.type}:${ref.id}`), `${o.id} → ${ref.type}:${ref.id}`).toBe(true);
    const dashboard = objects.find((o) => o.type === 'dashboard')!;
    const panels = JSON.parse(String(dashboard.attributes.panelsJSON)) as Array<{ panelRefName: string }>;
    expect(panels.map((p) => p.panelRefName).sort()).toEqual(dashboard.references.map((r) => r.name).sort());
    expect(panels).toHaveLength(6);
    expect(dashboard.attributes.refreshInterval).toMatchObject({ pause: false });
    expect(objects.filter((o) => o.type === 'search').map((o) => o.attributes.title)).toEqual([
      'Sync logs',
      'Sync errors',
      'Conflicts needing manual review',
      'One sync run (filter correlation_id)',
    ]);
  });

  it('use only fields that exist in the mapping setup produced', async () => {
    const { body } = await client.indices.getMapping({ index: config.names.readAlias } as never);
    const mapped = new Set<string>();
    const walk = (
      properties: Record<string, { properties?: Record<string, never>; fields?: Record<string, unknown> }>,
      at: string,
    ) => {
      for (const [name, spec] of Object.entries(properties)) {
        if (spec.properties) walk(spec.properties, `${at}${name}.`);
        else mapped.add(`${at}${name}`);
        for (const sub of Object.keys(spec.fields ?? {})) mapped.add(`${at}${name}.${sub}`);
      }
    };
    for (const index of Object.values(
      body as unknown as Record<string, { mappings: { properties: Record<string, never> } }>,
    ))
      walk(index.mappings.properties, '');
    const used = new Set<string>();
    for (const o of objects) {
      if (o.type === 'index-pattern') used.add(String(o.attributes.timeFieldName));
      if (o.type === 'search') {
        for (const c of o.attributes.columns as string[]) used.add(c);
        for (const [f] of o.attributes.sort as Array<[string, string]>) used.add(f);
        for (const f of fieldsOfKuery(searchSourceOf(o).query.query)) used.add(f);
      }
      if (o.type === 'visualization') {
        const vis = visStateOf(o);
        for (const a of vis.aggs) if (a.params.field) used.add(a.params.field);
        for (const f of fieldsOfKuery(searchSourceOf(o).query.query)) used.add(f);
        if (vis.type === 'metrics') {
          used.add(String(vis.params.time_field));
          for (const series of vis.params.series as Array<{
            metrics: Array<{ numerator: { query: string }; denominator: { query: string } }>;
          }>) {
            for (const m of series.metrics)
              for (const f of [...fieldsOfKuery(m.numerator.query), ...fieldsOfKuery(m.denominator.query)]) used.add(f);
          }
        }
      }
    }
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((f) => !mapped.has(f))).toEqual([]);
  });

  it('have visualisations whose aggregations, run against the node, return buckets for the seeded data', async () => {
    for (const o of objects.filter((x) => x.type === 'visualization')) {
      const vis = visStateOf(o);
      const query = kuery(searchSourceOf(o).query.query);
      const { body } = await client.search({
        index: config.names.readAlias,
        body: { size: 0, query, aggs: aggregationOf(vis) },
      } as never);
      const aggs = (body as unknown as { aggregations: Record<string, { buckets: unknown[] }> }).aggregations;
      const [first] = Object.values(aggs);
      expect(first!.buckets.length, String(o.attributes.title)).toBeGreaterThan(0);
    }
  });

  it("count in the error-rate panel's denominator exactly the outcomes reports and alert rules count, records without an id included", async () => {
    const vis = visStateOf(objects.find((o) => o.id === `${prefix}-vis-error-rate`)!);
    const denominator = (vis.params.series as Array<{ metrics: Array<{ denominator: { query: string } }> }>)[0]!
      .metrics[0]!.denominator.query;
    const ids = async (query: unknown) => {
      const { body } = await client.search({
        index: config.names.readAlias,
        body: { size: 10_000, _source: false, query },
      } as never);
      return new Set((body as unknown as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id));
    };
    const panel = await ids(kuery(denominator));
    const finished = seeded.filter(
      (r) => r.operation_key && r.status !== 'pending' && (r.status || r.validation_issues?.includes('status_unknown')),
    );
    expect(panel).toEqual(new Set(finished.map((r) => r.event_id)));
    expect(panel).toEqual(await ids(outcomeRecord));
    const { body } = await client.count({
      index: config.names.readAlias,
      body: { query: { bool: { filter: [kuery(denominator)], must_not: [{ exists: { field: 'operation_id' } }] } } },
    } as never);
    expect((body as unknown as { count: number }).count).toBe(10);
  });

  it('are imported by synclog dashboards import: multipart ndjson with the xsrf header, overwriting, successes and errors reported', async () => {
    const requests: Array<{ url: string; headers: Record<string, unknown>; body: string }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify(
            requests.length === 1
              ? { success: true, successCount: 12 }
              : {
                  success: false,
                  successCount: 11,
                  errors: [
                    {
                      id: `${prefix}-vis-error-rate`,
                      type: 'visualization',
                      title: 'Error rate over time',
                      error: { type: 'unknown' },
                    },
                  ],
                },
          ),
        );
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = {
      OPENSEARCH_URL: inject('opensearchUrl'),
      SYNCLOG_INDEX_PREFIX: prefix,
      SYNCLOG_DASHBOARDS_PASSWORD: 'dashboards-pass',
    };
    const ok = await runSynclog(['dashboards', 'import', '--url', url, '--user', 'admin'], env);
    expect(ok.code).toBe(0);
    expect(ok.lines).toContain(`imported 12 of 12 saved objects into ${url}`);
    const [request] = requests;
    expect(request!.url).toBe('/api/saved_objects/_import?overwrite=true');
    expect(request!.headers['osd-xsrf']).toBe('true');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('admin:dashboards-pass').toString('base64')}`);
    expect(String(request!.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(request!.body).toContain(toNdjson(objects).trim());
    const partial = await runSynclog(['dashboards', 'import', '--url', url], env);
    expect(partial.code).toBe(1);
    expect(partial.lines).toContain(`  failed: visualization ${prefix}-vis-error-rate "Error rate over time": unknown`);
    server.close();
  });
});
