import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { freePort } from '../../opensearch/local/ports.ts';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { startFaultProxy } from '../../test/fault-proxy.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { allLogPages } from '../../test/all-log-pages.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { createCircuitBreaker } from '../http/circuit-breaker.ts';
import { Registry } from 'prom-client';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { apiTokens, callerOf } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';

const client = testClient();
const prefix = uniquePrefix('logs-api');
const VIEWER = 'viewer-token-0123456789';
const records = generateRecords({
  seed: 21,
  count: 3_000,
  from: new Date('2026-10-10T00:00:00Z'),
  to: new Date('2026-11-20T00:00:00Z'),
});
let config: SetupConfig;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  config = await seedPrefix(client, prefix, records);
  app = createApp({ client, names: config.names, tokens: apiTokens([{ role: 'viewer', token: VIEWER }]) });
});
afterAll(() => dropPrefix(client, prefix));

const get = (path: string, token: string | null = VIEWER) =>
  app.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

const all = (query: string, size = 500) => allLogPages((path) => get(path), query, size);
const ids = (list: readonly SyncLogRecord[]) => list.map((r) => r.event_id).sort();

describe('GET /logs on a seeded data set', () => {
  it('returns exactly the records each filter selects, alone and combined', async () => {
    const correlation = records.find((r) => r.correlation_id)!.correlation_id!;
    const from = '2026-10-20T00:00:00.000Z';
    const to = '2026-11-01T00:00:00.000Z';
    const cases: Array<[string, (r: SyncLogRecord) => boolean]> = [
      ['operation_type=import_from_1c', (r) => r.operation_type === 'import_from_1c'],
      ['status=error,warning', (r) => r.status === 'error' || r.status === 'warning'],
      ['status=error&status=skipped', (r) => r.status === 'error' || r.status === 'skipped'],
      ['customer_role=dealer', (r) => r.customer?.role === 'dealer'],
      [`correlation_id=${correlation}`, (r) => r.correlation_id === correlation],
      [`from=${from}&to=${to}`, (r) => r['@timestamp'] >= from && r['@timestamp'] < to],
      [
        `operation_type=export_to_1c,conflict_resolution&status=error&from=${from}`,
        (r) =>
          ['export_to_1c', 'conflict_resolution'].includes(r.operation_type!) &&
          r.status === 'error' &&
          r['@timestamp'] >= from,
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = records.filter(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(ids(await all(query)), query).toEqual(ids(expected));
    }
  });

  it('finds every record of a trace or of an operation by its id pasted into the free search', async () => {
    const exactly = (id: string) => (r: (typeof records)[number]) =>
      [r.trace_id, r.operation_id, r.correlation_id, r.onec_id, r.customer_email].includes(id);
    const traced = records.find((r) => r.trace_id)!;
    expect(ids(await all(`q=${traced.trace_id!}`))).toEqual(ids(records.filter(exactly(traced.trace_id!))));
    const operation = records.find(
      (r) => r.operation_id && records.filter((o) => o.operation_id === r.operation_id).length > 1,
    )!;
    const ofOperation = records.filter(exactly(operation.operation_id!));
    expect(ofOperation.length).toBeGreaterThan(1);
    expect(ids(await all(`q=${operation.operation_id!}`))).toEqual(ids(ofOperation));
  });

  it('finds by e-mail in any case, 1C id and correlation id exactly, and by every word of a name or error message', async () => {
    const withEmail = records.find((r) => r.customer_email)!;
    expect(ids(await all(`q=${encodeURIComponent(withEmail.customer_email!.toUpperCase())}`))).toEqual(
      ids(
        records.filter(
          (r) =>
            r.customer_email?.toLowerCase() === withEmail.customer_email!.toLowerCase() ||
            r.correlation_id === withEmail.customer_email ||
            r.onec_id === withEmail.customer_email,
        ),
      ),
    );
    const withOnec = records.find((r) => r.onec_id)!;
    expect(ids(await all(`q=${encodeURIComponent(withOnec.onec_id!)}`))).toContain(withOnec.event_id);
    for (const r of await all(`q=${encodeURIComponent(withOnec.onec_id!)}`))
      expect([r.onec_id, r.customer_email, r.correlation_id, r.customer?.name, r.error_message].join(' ')).toContain(
        withOnec.onec_id!.split(/\s/)[0]!,
      );
    const withError = records.find((r) => r.error_message && /^[\p{L}\s]+/u.test(r.error_message))!;
    const words = withError
      .error_message!.split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 3)
      .slice(0, 2);
    const found = await all(`q=${encodeURIComponent(words.join(' '))}`);
    expect(ids(found)).toContain(withError.event_id);
    for (const r of found) {
      const text = `${r.customer?.name ?? ''} ${r.error_message ?? ''}`.toLowerCase();
      for (const word of words) expect(text).toContain(word.toLowerCase());
    }
  });

  it('treats query syntax in the search text as plain words', async () => {
    // Parsed as query syntax, `*` would match everything and `status:error` every failed record.
    const star = await get('/logs?q=*');
    expect(((await star.json()) as { total: { value: number } }).total.value).toBe(0);
    const failed = records.filter((r) => r.status === 'error').length;
    const fieldLike = await all(`q=${encodeURIComponent('status:error')}`);
    expect(fieldLike.length).toBeLessThan(failed);
    for (const r of fieldLike)
      expect(`${r.customer?.name ?? ''} ${r.error_message ?? ''}`.toLowerCase()).toContain('status:error');
    for (const q of ['a AND (b', '"unterminated', '\\', 'customer_email:*@* OR onec_id:*', '{"match_all":{}}']) {
      const response = await get(`/logs?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
      expect(((await response.json()) as { total: { value: number } }).total.value, q).toBeLessThan(records.length);
    }
  });

  it('visits every record exactly once across cursor pages, whatever the sort', async () => {
    for (const sort of ['@timestamp:desc', '@timestamp:asc', 'duration_ms:asc', 'status:desc']) {
      const visited = await all(`sort=${encodeURIComponent(sort)}`, 97);
      expect(visited.length, sort).toBe(records.length);
      expect(new Set(visited.map((r) => r.event_id)).size, sort).toBe(records.length);
    }
    const newestFirst = await all('', 500);
    expect(newestFirst.map((r) => r['@timestamp'])).toEqual(
      [...newestFirst.map((r) => r['@timestamp'])].sort().reverse(),
    );
  });

  it('counts exactly up to 10,000 unless asked, and exactly when asked', async () => {
    const page = (await (await get('/logs?size=1')).json()) as { total: { value: number; relation: string } };
    expect(page.total).toEqual({ value: records.length, relation: 'eq' });
    const exact = (await (await get('/logs?size=1&exact_total=true')).json()) as {
      total: { value: number; relation: string };
    };
    expect(exact.total).toEqual({ value: records.length, relation: 'eq' });
  });

  it('returns one record in full by its event id, 404 for an unknown one, 400 for a malformed one', async () => {
    const record = records.find((r) => r.details && Object.keys(r.details).length > 0)!;
    const response = await get(`/logs/${record.event_id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...JSON.parse(JSON.stringify(record)), reviews: [] });
    expect((await get('/logs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const malformed = await get('/logs/not-an-id');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ field: 'id' });
  });

  it('answers 400 naming the field for bad parameters, and 401 without a token', async () => {
    const bad: Array<[string, string]> = [
      ['status=*', 'status'],
      ['customer_role=%22dealer%22', 'customer_role'],
      ['validation_issue=a%20%20b', 'validation_issue'],
      ['flagged=maybe', 'flagged'],
      ['operation_type=', 'operation_type'],
      ['size=0', 'size'],
      ['size=501', 'size'],
      ['from=yesterday', 'from'],
      ['from=2026-11-02&to=2026-11-01', 'to'],
      ['sort=customer.name:asc', 'sort'],
      ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
      ['limit=10', 'limit'],
      ['exact_total=maybe', 'exact_total'],
    ];
    for (const [query, field] of bad) {
      const response = await get(`/logs?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ error: 'invalid_request', field });
    }
    const other = (await (await get('/logs?size=1&sort=duration_ms:asc')).json()) as { next_cursor: string };
    const mismatch = await get(`/logs?cursor=${other.next_cursor}`);
    expect(await mismatch.json()).toMatchObject({ field: 'cursor', message: 'was made for another sort' });
    expect((await get('/logs', null)).status).toBe(401);
  });

  it('answers 503 with a clear body when OpenSearch cannot be reached', async () => {
    const down = createOpenSearchClient({ urls: [`http://127.0.0.1:${await freePort()}`], requestTimeoutMs: 2_000 });
    const response = await createApp({
      client: down,
      names: config.names,
      tokens: apiTokens([{ role: 'viewer', token: VIEWER }]),
    }).request('/logs', { headers: { Authorization: `Bearer ${VIEWER}` } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'unavailable' });
  });

  it('records every search and detail view, once, in an access log that only admins read', async () => {
    const AUDITED = 'viewer-token-audited-42';
    const ADMIN = 'admin-token-0123456789';
    const registry = new Registry();
    const audited = createApp({
      client,
      names: config.names,
      registry,
      tokens: apiTokens([
        { role: 'viewer', token: AUDITED },
        { role: 'admin', token: ADMIN },
      ]),
    });
    const as = (token: string, path: string) =>
      audited.request(path, { headers: { Authorization: `Bearer ${token}` } });
    const errors = records.filter((r) => r.status === 'error');
    const search = (await (await as(AUDITED, '/logs?status=error&size=7')).json()) as { records: SyncLogRecord[] };
    expect(search.records).toHaveLength(Math.min(7, errors.length));
    expect((await as(AUDITED, `/logs/${records[0]!.event_id}`)).status).toBe(200);
    expect((await as(AUDITED, '/audit')).status).toBe(403);

    await client.indices.refresh({ index: config.names.accessLog });
    const who = callerOf('viewer', AUDITED).id;
    const response = await as(ADMIN, `/audit?who=${encodeURIComponent(who)}`);
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as { entries: Array<Record<string, unknown>> };
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          who,
          role: 'viewer',
          route: '/logs',
          filters: { status: 'error', size: '7' },
          row_count: search.records.length,
        }),
        expect.objectContaining({
          who,
          role: 'viewer',
          route: '/logs/:id',
          record_id: records[0]!.event_id,
          row_count: 1,
        }),
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain(AUDITED);

    // Metrics are labelled by route template, never by the raw path.
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/synclog_http_requests_total\{method="GET",route="\/logs\/:id",status="200"\} 1/);
    expect(metrics).toMatch(/synclog_http_requests_total\{method="GET",route="\/audit",status="403"\} 1/);
    expect(metrics).not.toContain(records[0]!.event_id);
  });

  it('is ready once setup has been applied for its prefix, and says why not otherwise', async () => {
    expect(await (await get('/ready', null)).json()).toMatchObject({ status: 'ready' });
    const unset = createApp({ client, names: indexNames(uniquePrefix('never-set-up')) });
    const response = await unset.request('/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'not_ready',
      reason: expect.stringMatching(/setup has not been applied/),
    });
  });
});

describe('GET /logs while OpenSearch is down', () => {
  it('fails fast once the breaker opens, and recovers by itself when the node is back', async () => {
    const proxy = await startFaultProxy(inject('opensearchUrl'));
    try {
      proxy.match = '';
      proxy.mode = 'down';
      const { clock, advance } = manualClock();
      const breaker = createCircuitBreaker({ failures: 2, coolDownMs: 1_000, clock });
      const behindProxy = createApp({
        client: createOpenSearchClient({ urls: [proxy.url], requestTimeoutMs: 2_000 }),
        names: config.names,
        breaker,
        tokens: apiTokens([{ role: 'viewer', token: VIEWER }]),
      });
      const request = () => behindProxy.request('/logs?size=1', { headers: { Authorization: `Bearer ${VIEWER}` } });
      for (let i = 0; i < 2; i++) expect((await request()).status).toBe(503);
      const tried = proxy.counts.down;
      const fast = await request();
      expect(fast.status).toBe(503);
      expect(fast.headers.get('retry-after')).toBe('5');
      expect(proxy.counts.down).toBe(tried); // refused without trying the cluster
      proxy.mode = 'pass';
      expect((await request()).status).toBe(503); // still cooling down
      advance(1_000);
      expect((await request()).status).toBe(200);
      expect(breaker.state()).toBe('closed');
    } finally {
      await proxy.close();
    }
  });
});

describe('GET /logs under fuzzed parameters', () => {
  it('answers 200 or 400, never a 5xx, whatever the query string holds', { timeout: 120_000 }, async () => {
    const keys = [
      'operation_type',
      'status',
      'customer_role',
      'validation_issue',
      'flagged',
      'correlation_id',
      'from',
      'to',
      'q',
      'sort',
      'size',
      'cursor',
      'exact_total',
      'reviewed',
      'x',
    ];
    const values = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'error',
        'success,error',
        'import_from_1c',
        'now-7d',
        'now',
        '2026-11-01',
        '2026-13-45',
        '@timestamp:asc',
        'duration_ms:desc',
        '0',
        '500',
        '-1',
        'true',
        'dealer',
        '*',
        '\\',
        '"',
        '{"a":1}',
        'bnVsbA',
        'W10',
        '',
      ),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...keys), values), { maxLength: 6 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await get(`/logs?${query}`);
        return response.status === 200 || response.status === 400;
      }),
      { numRuns: 300 },
    );
  });
});

describe('GET /logs limits', () => {
  it('refuses pages and time spans past the configured limits, naming the field', async () => {
    const limited = createApp({
      client,
      names: config.names,
      limits: { maxPageSize: 20, maxSpanDays: 30 },
      tokens: apiTokens([{ role: 'viewer', token: VIEWER }]),
    });
    const get = async (query: string) =>
      limited.request(`/logs?${query}`, { headers: { Authorization: `Bearer ${VIEWER}` } });
    expect(await (await get('size=21')).json()).toMatchObject({ field: 'size' });
    expect(await (await get('from=now-31d')).json()).toMatchObject({
      field: 'from',
      message: 'covers more than 30 days',
    });
    expect((await get('from=2026-10-10&to=2026-11-09')).status).toBe(200);
    expect(((await (await get('')).json()) as { records: unknown[] }).records).toHaveLength(20);
  });
});
