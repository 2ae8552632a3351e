import { describe, expect, it } from 'vitest';
import { recordAlertEvent } from '../../opensearch/alerting/alert-inbox.ts';
import { firingErrorRate } from '../../test/alert-events.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { writeRecords } from '../../test/write-records.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { consoleInBrowser, TOKENS } from './fixtures/console-in-browser.ts';

// Reviews, live records and alerts change the data, so these run on a prefix of their own.
const world = consoleInBrowser('console-actions');

describe('the console in headless Chromium: reviewing and tailing', () => {
  it('marks a record as reviewed and shows the review in its detail', async () => {
    const page = await world.signedIn('admin');
    const id = world.records[5]!.event_id;
    await page.goto(`${world.url}/console/logs/${id}`);
    expect(await page.textContent('#reviews')).toContain('Not reviewed yet');
    await page.fill('#review-comment', 'checked with the 1C team');
    await page.click('#review-form button');
    await page.waitForURL(new RegExp(`/console/logs/${id}$`));
    const reviews = await page.textContent('#reviews');
    expect(reviews).toContain('checked with the 1C team');
    expect(reviews).toMatch(/admin#[0-9a-f]{12}/);
    await page.goto(`${world.url}/console/logs?reviewed=true`);
    expect(
      await page.$$eval('#records tbody tr', (rows) => rows.map((r) => r.getAttribute('data-event-id'))),
    ).toContain(id);
    await page.context().close();
  });

  it('shows a record logged during the test in the live tail, and holds new ones while paused', async () => {
    const page = await world.signedIn('viewer');
    await page.goto(`${world.url}/console/tail?status=error`);
    await page.waitForSelector('#tail[data-connected="true"]');
    const [fresh, other, held] = generateRecords({
      seed: 99,
      count: 3,
      from: new Date(Date.now() - 1_000),
      to: new Date(),
    }).map((r) => ({ ...r, '@timestamp': new Date().toISOString() }));
    await writeRecords(world.client, world.config.names, 'month', [
      { ...fresh!, status: 'error', error_message: 'tail: 1C timeout' },
      { ...other!, status: 'success' },
    ]);
    await page.waitForSelector(`#tail-rows tr[data-event-id="${fresh!.event_id}"]`, { timeout: 15_000 });
    expect(await page.$(`#tail-rows tr[data-event-id="${other!.event_id}"]`)).toBeNull();
    await page.click('#tail-toggle');
    await writeRecords(world.client, world.config.names, 'month', [
      { ...held!, '@timestamp': new Date().toISOString(), status: 'error', error_message: 'tail: while paused' },
    ]);
    await expect.poll(() => page.textContent('#tail-state'), { timeout: 15_000 }).toMatch(/1 new record/);
    expect(await page.$(`#tail-rows tr[data-event-id="${held!.event_id}"]`)).toBeNull();
    await page.click('#tail-toggle');
    await page.waitForSelector(`#tail-rows tr[data-event-id="${held!.event_id}"]`);
    await page.context().close();
  });
});

describe('the console in headless Chromium: what each role may do, and alerts', () => {
  it('shows a viewer no review or export controls, and the API and forms refuse them', async () => {
    const page = await world.signedIn('viewer');
    expect(await page.$('#export-csv')).toBeNull();
    expect(await page.$('#bulk-review')).toBeNull();
    await page.goto(`${world.url}/console/logs/${world.records[1]!.event_id}`);
    expect(await page.$('#review-form')).toBeNull();
    expect(await page.evaluate(async () => (await fetch('/logs/export.csv')).status)).toBe(403);
    const api = await page.request.post(`${world.url}/logs/${world.records[1]!.event_id}/review`, {
      headers: { Authorization: `Bearer ${TOKENS.viewer}` },
      data: {},
    });
    expect(api.status()).toBe(403);
    // A form post without the CSRF token is refused even for an admin session.
    const admin = await world.signedIn('admin');
    const forged = await admin.request.post(`${world.url}/console/logs/${world.records[1]!.event_id}/review`, {
      form: { comment: 'forged' },
    });
    expect(forged.status()).toBe(403);
    await page.context().close();
    await admin.context().close();
  });

  it('lists alerts for an admin to acknowledge, and each log index with its lifecycle state', async () => {
    await recordAlertEvent(
      world.client,
      world.config.names,
      firingErrorRate({ summary: 'error rate 20.0 % <b>bold?</b>' }),
      new Date(),
    );
    const page = await world.signedIn('admin');
    await page.goto(`${world.url}/console/alerts?state=firing`);
    expect(await page.textContent('tr[data-alert="synclog:error-rate"] td.message')).toBe(
      'error rate 20.0 % <b>bold?</b>',
    );
    await page.fill('tr[data-alert="synclog:error-rate"] input[name=comment]', 'on it');
    await page.click('tr[data-alert="synclog:error-rate"] button');
    await page.waitForURL(/\/console\/alerts$/);
    expect(await page.textContent('tr[data-alert="synclog:error-rate"]')).toMatch(/admin#[0-9a-f]{12}, .*: on it/);
    await page.goto(`${world.url}/console/retention`);
    const indices = await page.$$eval('#indices tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
    expect(indices.length).toBeGreaterThan(0);
    expect(indices.every((name) => name?.startsWith(`${world.prefix}-logs-`))).toBe(true);
    await page.context().close();
  });
});

describe('the console in headless Chromium: signing out', () => {
  it('ends the session: the page and a copy of the old cookie in another browser both land on the sign-in form', async () => {
    const page = await world.signedIn('viewer');
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === SESSION_COOKIE);
    const copy = await page.context().browser()!.newContext();
    await copy.addCookies([cookie!]);
    const replay = await copy.newPage();
    await replay.goto(`${world.url}/console/logs`);
    expect(replay.url()).toMatch(/\/console\/logs$/);
    await page.click('button:has-text("Sign out")');
    await page.waitForURL(/\/console\/login$/);
    await page.goto(`${world.url}/console/logs`);
    expect(page.url()).toContain('/console/login');
    await replay.goto(`${world.url}/console/logs`);
    expect(replay.url()).toContain('/console/login');
    expect(await replay.evaluate(async () => (await fetch('/logs?size=1')).status)).toBe(401);
    await copy.close();
    await page.context().close();
  });
});
