import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordAlertEvent } from '../../opensearch/alerting/alert-inbox.ts';
import { firingErrorRate } from '../../test/alert-events.ts';
import { TIME_ZONE_COOKIE } from '../reader/reader-of-request.ts';
import { consoleInBrowser } from './fixtures/console-in-browser.ts';
import { englishOn } from './fixtures/visible-english.ts';

// A review and an alert are written, so these run on a prefix of their own.
const world = consoleInBrowser('console-ru');
const RUSSIAN_IN_VLADIVOSTOK = { locale: 'ru-RU', timezoneId: 'Asia/Vladivostok' };

/** Goes to a console page and expects it in Russian, without one English catalogue text in sight. */
async function russianPage(page: Page, path: string, status = 200) {
  const response = await page.goto(`${world.url}${path}`);
  expect(response!.status(), path).toBe(status);
  expect(await page.getAttribute('html', 'lang'), path).toBe('ru');
  expect(await englishOn(page), path).toEqual([]);
}

/** `1 подходящая запись`, `2 подходящие записи`, `5 подходящих записей`, computed apart from the catalogue. */
const russianCount = (n: number) => {
  const words = { one: 'подходящая запись', few: 'подходящие записи', many: 'подходящих записей' } as const;
  const form = new Intl.PluralRules('ru').select(n) as keyof typeof words;
  return `${new Intl.NumberFormat('ru-RU').format(n)} ${words[form] ?? 'подходящей записи'}`;
};

/** An instant as a reader in Vladivostok (UTC+10 all year) reads it: `ДД.ММ.ГГГГ ЧЧ:ММ:СС`. */
const inVladivostok = (iso: string) => {
  const local = new Date(Date.parse(iso) + 10 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 19)}`;
};

describe('the console in Russian, in headless Chromium', () => {
  it('signs in, detects the zone and shows the log list, its filters and a record in Russian', async () => {
    const page = await world.signedIn('admin', undefined, RUSSIAN_IN_VLADIVOSTOK);
    const zone = (await page.context().cookies()).find((c) => c.name === TIME_ZONE_COOKIE);
    expect(decodeURIComponent(zone!.value)).toBe('Asia/Vladivostok');
    const errors = world.records.filter((r) => r.status === 'error');
    await russianPage(page, '/console/logs?status=error');
    expect(await page.textContent('#result-count')).toBe(russianCount(errors.length));
    expect(new Set(await page.$$eval('#records tbody td.status', (cells) => cells.map((c) => c.textContent)))).toEqual(
      new Set(['Ошибка']),
    );
    expect(await page.textContent('#records thead th:first-child')).toBe('Время (Asia/Vladivostok)');
    const first = await page.getAttribute('#records tbody tr', 'data-event-id');
    const record = world.records.find((r) => r.event_id === first)!;
    expect(await page.textContent('#records tbody tr td:first-child')).toBe(inVladivostok(record['@timestamp']));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const lines = (await readFile((await download.path())!, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const header = lines[0]!.split(';');
    expect(header).toContain('Время (Asia/Vladivostok)');
    expect(lines).toHaveLength(errors.length + 1);
    const status = header.indexOf('Статус');
    expect(new Set(lines.slice(1).map((line) => line.split(';')[status]))).toEqual(new Set(['Ошибка']));
    await russianPage(page, '/console/logs?status=error&status=success&flagged=true&reviewed=false');
    await russianPage(page, `/console/logs/${record.event_id}`);
    expect(await page.textContent('dd[data-field="time"]')).toBe(inVladivostok(record['@timestamp']));
    expect(await page.textContent('dd[data-field="status"]')).toBe('Ошибка');
    await page.fill('#review-comment', 'сверено с 1С');
    await page.click('#review-form button');
    await page.waitForURL(new RegExp(`/console/logs/${record.event_id}$`));
    expect(await page.textContent('#reviews')).toContain('сверено с 1С');
    expect(await englishOn(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the live tail, the reports, alerts, retention, settings and the error pages in Russian', async () => {
    await recordAlertEvent(world.client, world.config.names, firingErrorRate(), new Date());
    const page = await world.signedIn('admin', undefined, RUSSIAN_IN_VLADIVOSTOK);
    await russianPage(page, '/console/tail');
    await page.waitForSelector('#tail[data-connected="true"]');
    expect(await page.textContent('#tail-state')).toBe('В реальном времени');
    expect(await englishOn(page)).toEqual([]);
    const day = world.records[200]!['@timestamp'].slice(0, 10);
    for (const kind of ['daily', 'weekly', 'monthly'])
      await russianPage(page, `/console/reports?kind=${kind}&date=${day}`);
    await russianPage(page, '/console/alerts');
    expect(await page.textContent('tr[data-alert="synclog:error-rate"] td.status')).toBe('активно');
    await russianPage(page, '/console/retention');
    await russianPage(page, '/console/settings');
    await russianPage(page, '/console/logs/00000000-0000-4000-8000-000000000000', 404);
    await page.context().close();
    const viewer = await world.signedIn('viewer', undefined, RUSSIAN_IN_VLADIVOSTOK);
    await viewer.goto(`${world.url}/console/logs`);
    // A viewer's form post to an admin action is answered by the "not allowed" page.
    await Promise.all([
      viewer.waitForURL(/\/console\/review$/),
      viewer.evaluate(
        "(() => { const f = document.createElement('form'); f.method = 'post'; f.action = '/console/review'; document.body.appendChild(f); f.submit(); })()",
      ),
    ]);
    expect(await viewer.textContent('h1')).toBe('Доступ запрещён');
    expect(await englishOn(viewer)).toEqual([]);
    await viewer.context().close();
  });
});
