import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { consoleInBrowser, HOSTILE, SCREENSHOTS } from './fixtures/console-in-browser.ts';

// Nothing here writes: the counts and exports below are checked against the seeded records as they are.
const world = consoleInBrowser('console');
const statusCells = (page: Page) => page.$$eval('#records tbody td.status', (cells) => cells.map((c) => c.textContent));

describe('the console in headless Chromium: finding records', () => {
  it('filters by status and shows only matching rows, with the exact count', async () => {
    const page = await world.signedIn('admin');
    await page.check('input[name=status][value=error]');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/status=error/);
    const statuses = await statusCells(page);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Error']));
    expect(Number(await page.getAttribute('#result-count', 'data-total'))).toBe(
      world.records.filter((r) => r.status === 'error').length,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'list.png'), fullPage: true });
    await page.context().close();
  });

  it("offers the story's codes and every other code seen, and finds a flagged record with its issues shown as text", async () => {
    const others = (read: (r: SyncLogRecord) => string | undefined, story: readonly string[]) =>
      [...new Set(world.records.map(read).filter((c): c is string => !!c && !story.includes(c)))].sort();
    const offered = (page: Page, name: string) =>
      page.$$eval(`input[name=${name}]`, (inputs) => inputs.map((i) => i.getAttribute('value')));
    const page = await world.signedIn('viewer');
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
    const expected = world.records.filter((r) => r.validation_issues);
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
    await page.goto(`${world.url}/console/tail`);
    expect(await offered(page, 'status')).toEqual([...STATUSES, ...others((r) => r.status, STATUSES)]);
    expect(await page.$('input[name=flagged]')).not.toBeNull();
    await page.context().close();
  });

  it('exports a CSV file holding exactly the filtered rows, for the reader and for scripts', async () => {
    const page = await world.signedIn('analyst');
    await page.goto(`${world.url}/console/logs?status=error&operation_type=import_from_1c`);
    const expected = world.records
      .filter((r) => r.status === 'error' && r.operation_type === 'import_from_1c')
      .map((r) => r.event_id)
      .sort();
    const idsOf = async (link: string, column: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(link)]);
      const text = await readFile((await download.path())!, 'utf8');
      const rows = parse(text, { columns: true, bom: true }) as Array<Record<string, string>>;
      return rows.map((r) => r[column]).sort();
    };
    expect(await idsOf('#export-csv', 'Record ID')).toEqual(expected);
    expect(await idsOf('#export-csv-codes', 'event_id')).toEqual(expected);
    await page.context().close();
  });
});

describe('the console in headless Chromium: reading a record and the pages around it', () => {
  it("opens a record's detail with its details tree", async () => {
    const page = await world.signedIn('admin');
    const first = await page.getAttribute('#records tbody tr', 'data-event-id');
    await page.click('#records tbody tr a');
    await page.waitForURL(new RegExp(`/console/logs/${first}$`));
    expect(await page.textContent('dd[data-field="event id"]')).toBe(first);
    const record = world.records.find((r) => r.event_id === first)!;
    if (record.details) expect(await page.$$('#details ul.tree li')).not.toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'detail.png'), fullPage: true });
    await page.context().close();
  });

  it('renders a message holding <script> as text, and runs none of it', async () => {
    const page = await world.signedIn('admin');
    const csp = (await page.goto(`${world.url}/console/logs/${world.records[0]!.event_id}`))!.headers()[
      'content-security-policy'
    ];
    expect(csp).toContain("script-src 'self'");
    expect(await page.textContent('dd[data-field="error message"]')).toBe(HOSTILE);
    await page.goto(`${world.url}/console/logs?q=${encodeURIComponent('window')}&status=error`);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    expect(await page.$('img[src=x]')).toBeNull();
    await page.context().close();
  });

  it('works by keyboard and on a narrow screen, and shows a report', async () => {
    const page = await world.signedIn('viewer', { width: 375, height: 800 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
    const day = world.records[200]!['@timestamp'].slice(0, 10);
    await page.goto(`${world.url}/console/reports?kind=daily&date=${day}`);
    expect(Number((await page.textContent('dd[data-measure="operations"]'))!.replace(/,/g, ''))).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
    await page.context().close();
  });
});
