import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import { type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { allLogPages } from '../../test/all-log-pages.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';

const client = testClient();
const prefix = uniquePrefix('reviews');
const ADMIN = 'admin-token-0123456789';
const VIEWER = 'viewer-token-0123456789';
const COUNT = 70_000;
const records = generateRecords({
  seed: 31,
  count: COUNT,
  from: new Date('2026-08-01T00:00:00Z'),
  to: new Date('2026-11-01T00:00:00Z'),
});
// The first 66,000 by time get reviewed: more than a terms lookup (65,536 ids) could filter.
const byTime = [...records].sort((a, b) =>
  a['@timestamp'] < b['@timestamp'] ? -1 : a['@timestamp'] > b['@timestamp'] ? 1 : 0,
);
const cut = byTime[66_000]!['@timestamp'];
const reviewedSet = new Set(records.filter((r) => r['@timestamp'] < cut).map((r) => r.event_id));
let config: SetupConfig;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  config = await seedPrefix(client, prefix, records);
  // August has gone cold: read-only. Its records are reviewed all the same (they are never written).
  await client.indices.putSettings({
    index: `${prefix}-logs-2026.08`,
    body: { index: { 'blocks.write': true } },
  } as never);
  app = createApp({
    client,
    names: config.names,
    tokens: apiTokens([
      { role: 'admin', token: ADMIN },
      { role: 'viewer', token: VIEWER },
    ]),
  });
}, 300_000);
afterAll(() => dropPrefix(client, prefix));

const as = (token: string, path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
const all = (query: string) => allLogPages((path) => as(VIEWER, path), query);
const total = async (query: string) =>
  ((await (await as(VIEWER, `/logs?${query}&size=1&exact_total=true`)).json()) as { total: { value: number } }).total
    .value;

describe('reviews', () => {
  it(
    'reviews 66,000 records by filter, including read-only ones, and keeps reviewed=true|false exact in counts and pages',
    { timeout: 300_000 },
    async () => {
      const bulk = await as(ADMIN, '/logs/review', {
        method: 'POST',
        body: JSON.stringify({ filter: { to: cut }, comment: 'quarterly audit' }),
      });
      expect(bulk.status).toBe(200);
      expect(await bulk.json()).toEqual({ matched: reviewedSet.size, newly_reviewed: reviewedSet.size });

      expect(await total('reviewed=true')).toBe(reviewedSet.size);
      expect(await total('reviewed=false')).toBe(COUNT - reviewedSet.size);
      // Oldest first, every page walks past reviewed records to find the unreviewed ones.
      for (const sort of ['@timestamp:asc', '@timestamp:desc']) {
        const unreviewed = await all(`reviewed=false&sort=${encodeURIComponent(sort)}`);
        expect(unreviewed.length, sort).toBe(COUNT - reviewedSet.size);
        expect(new Set(unreviewed.map((r) => r.event_id)).size, sort).toBe(unreviewed.length);
        expect(
          unreviewed.every((r) => !reviewedSet.has(r.event_id)),
          sort,
        ).toBe(true);
      }
      const reviewedErrors = records.filter((r) => reviewedSet.has(r.event_id) && r.status === 'error');
      const found = await all('reviewed=true&status=error');
      expect(found.map((r) => r.event_id).sort()).toEqual(reviewedErrors.map((r) => r.event_id).sort());
      // Each is the record as logged: who reviewed it first is the reviewed set's, not the record's.
      expect(found.filter((r) => 'first_reviewed_by' in r || 'first_reviewed_at' in r)).toEqual([]);
      expect(found.length).toBeGreaterThan(0);

      const errors = records.filter((r) => r.status === 'error').length;
      expect(await (await as(VIEWER, '/reviews/coverage')).json()).toEqual({
        errors,
        reviewed_errors: reviewedErrors.length,
        coverage: reviewedErrors.length / errors,
      });
    },
  );

  it('records each review of one record with who, when and the comment, shown with the record', async () => {
    const record = byTime.at(-1)!;
    expect(reviewedSet.has(record.event_id)).toBe(false);
    const before = await total('reviewed=true');
    const first = await as(ADMIN, `/logs/${record.event_id}/review`, {
      method: 'POST',
      body: JSON.stringify({ comment: 'customer called back' }),
    });
    expect(first.status).toBe(201);
    await as(ADMIN, `/logs/${record.event_id}/review`, {
      method: 'POST',
      body: JSON.stringify({ comment: 'fixed in 1C' }),
    });
    expect(await total('reviewed=true')).toBe(before + 1);
    const detail = (await (await as(VIEWER, `/logs/${record.event_id}`)).json()) as {
      reviews: Array<Record<string, unknown>>;
    };
    expect(detail.reviews).toEqual([
      expect.objectContaining({
        comment: 'customer called back',
        role: 'admin',
        reviewer: expect.stringMatching(/^admin#/),
        reviewed_at: expect.any(String),
      }),
      expect.objectContaining({ comment: 'fixed in 1C' }),
    ]);
  });

  it('refuses reviews from non-admins, without a filter, with unknown fields or bad JSON, naming the field', async () => {
    expect((await as(VIEWER, '/logs/review', { method: 'POST', body: '{"filter":{"status":"error"}}' })).status).toBe(
      403,
    );
    const cases: Array<[string, string]> = [
      ['{"filter":{}}', 'filter'],
      ['{"filter":{"status":"err*"}}', 'filter.status'],
      ['{"filter":{"status":"error"},"color":"red"}', 'color'],
      ['{not json', 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await as(ADMIN, '/logs/review', { method: 'POST', body });
      expect(response.status, body).toBe(400);
      expect(await response.json(), body).toMatchObject({ field });
    }
    expect(
      (await as(ADMIN, '/logs/00000000-0000-4000-8000-000000000000/review', { method: 'POST', body: '{}' })).status,
    ).toBe(404);
  });
});
