import { parse } from 'csv-parse/sync';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAlertEvent } from '../../opensearch/alerting/alert-inbox.ts';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { flagged } from '../../test/flagged-records.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { writeRecords } from '../../test/write-records.ts';
import { serviceConfigFromEnv } from '../config/service-config.ts';
import { createService, type Service } from '../create-service.ts';

const client = testClient();
const prefix = uniquePrefix('console');
const TOKENS = {
  admin: 'admin-token-0123456789',
  analyst: 'analyst-token-0123456789',
  viewer: 'viewer-token-0123456789',
};
const HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
const SCREENSHOTS = process.env.SYNCLOG_SCREENSHOTS ?? join(tmpdir(), 'synclog-screenshots');
let records: SyncLogRecord[];
let config: SetupConfig;
let service: Service;
let server: { url: string };
let browser: Browser;

beforeAll(async () => {
  const now = Date.now();
  records = generateRecords({
    seed: 23,
    count: 400,
    from: new Date(now - 2 * 86_400_000),
    to: new Date(now - 3_600_000),
  });
  records[0] = {
    ...records[0]!,
    status: 'error',
    level: 'error',
    operation_type: 'import_from_1c',
    error_message: HOSTILE,
    message: HOSTILE,
  };
  // An application's own codes, and one record flagged with hostile refused values.
  records[8] = { ...records[8]!, status: 'partial', operation_type: 'stock_sync' };
  records[9] = {
    ...flagged(records[9]!, 'status_unknown', 'event_time_unreadable'),
    invalid: { status: HOSTILE },
    event_time_raw: HOSTILE,
  };
  config = await seedPrefix(client, prefix, records);
  // The service as `synclog serve` assembles it; its scheduled jobs stay off, the pages are what is tested.
  const env = {
    SYNCLOG_INDEX_PREFIX: prefix,
    SYNCLOG_HOME: mkdtempSync(join(tmpdir(), 'synclog-console-')),
    SYNCLOG_API_TOKENS: Object.entries(TOKENS)
      .map(([role, token]) => `${role}:${token}`)
      .join(','),
    SYNCLOG_SCHEDULER_ENABLED: 'false',
  };
  service = createService(serviceConfigFromEnv(env), { client, port: 0 });
  server = { url: await service.start() };
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await dropPrefix(client, prefix);
});

async function signedIn(role: keyof typeof TOKENS, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/console/logs`);
  expect(page.url()).toContain('/console/login');
  await page.fill('#token', TOKENS[role]);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/console\/logs$/);
  return page;
}
const statusCells = (page: Page) => page.$$eval('#records tbody td.status', (cells) => cells.map((c) => c.textContent));

describe('the console in headless Chromium', () => {
  it('filters by status and shows only matching rows, with the exact count', async () => {
    const page = await signedIn('admin');
    await page.check('input[name=status][value=error]');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/status=error/);
    const statuses = await statusCells(page);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['error']));
    expect(Number(await page.getAttribute('#result-count', 'data-total'))).toBe(
      records.filter((r) => r.status === 'error').length,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'list.png'), fullPage: true });
    await page.context().close();
  });

  it("offers the story's codes and every other code seen, and finds a flagged record with its issues shown as text", async () => {
    const others = (read: (r: SyncLogRecord) => string | undefined, story: readonly string[]) =>
      [...new Set(records.map(read).filter((c): c is string => !!c && !story.includes(c)))].sort();
    const offered = (page: Page, name: string) =>
      page.$$eval(`input[name=${name}]`, (inputs) => inputs.map((i) => i.getAttribute('value')));
    const page = await signedIn('viewer');
    expect(await offered(page, 'status')).toEqual([...STATUSES, ...others((r) => r.status, STATUSES)]);
    expect(await offered(page, 'operation_type')).toEqual([
      ...OPERATION_TYPES,
      ...others((r) => r.operation_type, OPERATION_TYPES),
    ]);
    expect(await page.textContent('label:has(input[name=status][value=error])')).toBe('Error');
    await page.check('input[name=flagged]');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/flagged=true/);
    const rows = await page.$$eval('#records tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-event-id')));
    const expected = records.filter((r) => r.validation_issues);
    expect(rows).toEqual(expected.map((r) => r.event_id));
    await page.click('#records tbody tr a');
    await page.waitForURL(new RegExp(`/console/logs/${expected[0]!.event_id}$`));
    expect(await page.textContent('dd[data-field="validation issues"]')).toBe(
      expected[0]!.validation_issues!.join(', '),
    );
    expect(await page.textContent('dd[data-field="event time as given"]')).toBe(HOSTILE);
    expect(await page.textContent('dd[data-invalid="status"]')).toBe(HOSTILE);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    expect(await page.$('img[src=x]')).toBeNull();
    await page.screenshot({ path: join(SCREENSHOTS, 'flagged.png'), fullPage: true });
    await page.goto(`${server.url}/console/tail`);
    expect(await offered(page, 'status')).toEqual([...STATUSES, ...others((r) => r.status, STATUSES)]);
    expect(await page.$('input[name=flagged]')).not.toBeNull();
    await page.context().close();
  });

  it("opens a record's detail with its details tree", async () => {
    const page = await signedIn('admin');
    const first = await page.getAttribute('#records tbody tr', 'data-event-id');
    await page.click('#records tbody tr a');
    await page.waitForURL(new RegExp(`/console/logs/${first}$`));
    expect(await page.textContent('dd[data-field="event id"]')).toBe(first);
    const record = records.find((r) => r.event_id === first)!;
    if (record.details) expect(await page.$$('#details ul.tree li')).not.toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'detail.png'), fullPage: true });
    await page.context().close();
  });

  it('exports a CSV file holding exactly the filtered rows', async () => {
    const page = await signedIn('analyst');
    await page.goto(`${server.url}/console/logs?status=error&operation_type=import_from_1c`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const rows = parse(await readFile((await download.path())!, 'utf8'), { columns: true, bom: true }) as Array<{
      event_id: string;
      status: string;
    }>;
    const expected = records
      .filter((r) => r.status === 'error' && r.operation_type === 'import_from_1c')
      .map((r) => r.event_id);
    expect(rows.map((r) => r.event_id).sort()).toEqual(expected.sort());
    await page.context().close();
  });

  it('marks a record as reviewed and shows the review in its detail', async () => {
    const page = await signedIn('admin');
    const id = records[5]!.event_id;
    await page.goto(`${server.url}/console/logs/${id}`);
    expect(await page.textContent('#reviews')).toContain('Not reviewed yet');
    await page.fill('#review-comment', 'checked with the 1C team');
    await page.click('#review-form button');
    await page.waitForURL(new RegExp(`/console/logs/${id}$`));
    const reviews = await page.textContent('#reviews');
    expect(reviews).toContain('checked with the 1C team');
    expect(reviews).toMatch(/admin#[0-9a-f]{12}/);
    await page.goto(`${server.url}/console/logs?reviewed=true`);
    expect(
      await page.$$eval('#records tbody tr', (rows) => rows.map((r) => r.getAttribute('data-event-id'))),
    ).toContain(id);
    await page.context().close();
  });

  it('shows a record logged during the test in the live tail, and holds new ones while paused', async () => {
    const page = await signedIn('viewer');
    await page.goto(`${server.url}/console/tail?status=error`);
    await page.waitForSelector('#tail[data-connected="true"]');
    const [fresh, other, held] = generateRecords({
      seed: 99,
      count: 3,
      from: new Date(Date.now() - 1_000),
      to: new Date(),
    }).map((r) => ({ ...r, '@timestamp': new Date().toISOString() }));
    await writeRecords(client, config.names, 'month', [
      { ...fresh!, status: 'error', error_message: 'tail: 1C timeout' },
      { ...other!, status: 'success' },
    ]);
    await page.waitForSelector(`#tail-rows tr[data-event-id="${fresh!.event_id}"]`, { timeout: 15_000 });
    expect(await page.$(`#tail-rows tr[data-event-id="${other!.event_id}"]`)).toBeNull();
    await page.click('#tail-toggle');
    await writeRecords(client, config.names, 'month', [
      { ...held!, '@timestamp': new Date().toISOString(), status: 'error', error_message: 'tail: while paused' },
    ]);
    await expect.poll(() => page.textContent('#tail-state'), { timeout: 15_000 }).toMatch(/1 new record/);
    expect(await page.$(`#tail-rows tr[data-event-id="${held!.event_id}"]`)).toBeNull();
    await page.click('#tail-toggle');
    await page.waitForSelector(`#tail-rows tr[data-event-id="${held!.event_id}"]`);
    await page.context().close();
  });

  it('renders a message holding <script> as text, and runs none of it', async () => {
    const page = await signedIn('admin');
    const csp = (await page.goto(`${server.url}/console/logs/${records[0]!.event_id}`))!.headers()[
      'content-security-policy'
    ];
    expect(csp).toContain("script-src 'self'");
    expect(await page.textContent('dd[data-field="error message"]')).toBe(HOSTILE);
    await page.goto(`${server.url}/console/logs?q=${encodeURIComponent('window')}&status=error`);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    expect(await page.$('img[src=x]')).toBeNull();
    await page.context().close();
  });

  it('shows a viewer no review or export controls, and the API and forms refuse them', async () => {
    const page = await signedIn('viewer');
    expect(await page.$('#export-csv')).toBeNull();
    expect(await page.$('#bulk-review')).toBeNull();
    await page.goto(`${server.url}/console/logs/${records[1]!.event_id}`);
    expect(await page.$('#review-form')).toBeNull();
    expect(await page.evaluate(async () => (await fetch('/logs/export.csv')).status)).toBe(403);
    const api = await page.request.post(`${server.url}/logs/${records[1]!.event_id}/review`, {
      headers: { Authorization: `Bearer ${TOKENS.viewer}` },
      data: {},
    });
    expect(api.status()).toBe(403);
    // A form post without the CSRF token is refused even for an admin session.
    const admin = await signedIn('admin');
    const forged = await admin.request.post(`${server.url}/console/logs/${records[1]!.event_id}/review`, {
      form: { comment: 'forged' },
    });
    expect(forged.status()).toBe(403);
    await page.context().close();
    await admin.context().close();
  });

  it('lists alerts for an admin to acknowledge, and each log index with its lifecycle state', async () => {
    const at = new Date().toISOString();
    await recordAlertEvent(
      client,
      config.names,
      {
        source: 'synclog',
        rule: 'error-rate',
        kind: 'error_rate',
        state: 'firing',
        severity: 'critical',
        dedup_key: 'synclog:error-rate',
        group: '',
        value: 0.2,
        threshold: 0.05,
        count: 50,
        summary: 'error rate 20.0 % <b>bold?</b>',
        started_at: at,
        at,
        samples: [],
      },
      new Date(),
    );
    const page = await signedIn('admin');
    await page.goto(`${server.url}/console/alerts?state=firing`);
    expect(await page.textContent('tr[data-alert="synclog:error-rate"] td.message')).toBe(
      'error rate 20.0 % <b>bold?</b>',
    );
    await page.fill('tr[data-alert="synclog:error-rate"] input[name=comment]', 'on it');
    await page.click('tr[data-alert="synclog:error-rate"] button');
    await page.waitForURL(/\/console\/alerts$/);
    expect(await page.textContent('tr[data-alert="synclog:error-rate"]')).toMatch(/admin#[0-9a-f]{12}, .*: on it/);
    await page.goto(`${server.url}/console/retention`);
    const indices = await page.$$eval('#indices tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
    expect(indices.length).toBeGreaterThan(0);
    expect(indices.every((name) => name?.startsWith(`${prefix}-logs-`))).toBe(true);
    await page.context().close();
  });

  it('works by keyboard and on a narrow screen, and shows a report', async () => {
    const page = await signedIn('viewer', { width: 375, height: 800 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
    const day = records[200]!['@timestamp'].slice(0, 10);
    await page.goto(`${server.url}/console/reports?kind=daily&date=${day}`);
    expect(Number((await page.textContent('dd[data-measure="operations"]'))!.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
    await page.context().close();
  });
});
