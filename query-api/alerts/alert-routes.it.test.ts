import { firingErrorRate } from '../../test/alert-events.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../opensearch/alerting/alert-event.ts';
import { signatureOf } from '../../opensearch/alerting/post-alert-webhook.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';

const client = testClient();
const prefix = uniquePrefix('alert-api');
const RECEIVER = 'receiver-secret-0123456789';
const SIGNING = 'signing-secret-0123456789';
const tokens = apiTokens([
  { role: 'viewer', token: 'viewer-token-0123456789' },
  { role: 'admin', token: 'admin-token-0123456789' },
]);
const T = Date.parse('2026-11-23T10:00:00.000Z');
let config: SetupConfig;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
});
afterAll(() => dropPrefix(client, prefix));

const event = (change: Partial<AlertEvent> = {}): AlertEvent =>
  firingErrorRate(
    {
      source: 'opensearch-alerting',
      value: 0.12,
      count: 200,
      summary: 'error rate 12.0 % over the last 15 min: "Timeout"\n\\ retried',
      ...change,
    },
    new Date(T).toISOString(),
  );

describe('the alert receiver and alert routes', () => {
  const { clock } = manualClock(T);
  const app = () =>
    createApp({ client, names: config.names, tokens, clock, alertSecrets: { receiver: RECEIVER, webhook: SIGNING } });
  const post = (body: string, headers: Record<string, string>) =>
    app().request('/alerts/webhook', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const as = (token: string, path: string, init: RequestInit = {}) =>
    app().request(path, { ...init, headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

  it('is off without a secret, and refuses an event without the shared secret or a valid signature', async () => {
    const off = await createApp({ client, names: config.names, tokens }).request('/alerts/webhook', {
      method: 'POST',
      body: JSON.stringify(event()),
    });
    expect(off.status).toBe(404);
    expect((await post(JSON.stringify(event()), {})).status).toBe(401);
    expect((await post(JSON.stringify(event()), { 'x-synclog-alert-secret': 'wrong-secret-0123456789' })).status).toBe(
      401,
    );
    const body = JSON.stringify(event());
    const stale = String(T / 1000 - 3_600);
    expect(
      (await post(body, { 'x-synclog-timestamp': stale, 'x-synclog-signature': signatureOf(SIGNING, stale, body) }))
        .status,
    ).toBe(401);
  });

  it('stores an event once (a redelivery changes nothing) and answers 400 naming the field of a malformed one', async () => {
    const body = JSON.stringify(event());
    const first = await post(body, { 'x-synclog-alert-secret': RECEIVER });
    expect(first.status).toBe(201);
    const again = await post(body, { 'x-synclog-alert-secret': RECEIVER });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ recorded: false });
    const bad = await post(JSON.stringify({ ...event(), state: 'exploded' }), { 'x-synclog-alert-secret': RECEIVER });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'state' });
    const notJson = await post('{"state": ', { 'x-synclog-alert-secret': RECEIVER });
    expect(await notJson.json()).toMatchObject({ field: 'body' });

    const list = await as('viewer-token-0123456789', '/alerts?state=firing');
    expect(list.status).toBe(200);
    const { alerts } = (await list.json()) as { alerts: Array<Record<string, unknown>> };
    expect(alerts).toEqual([
      expect.objectContaining({
        dedup_key: 'synclog:error-rate',
        state: 'firing',
        events: 1,
        summary: event().summary,
      }),
    ]);
    expect((await as('viewer-token-0123456789', '/alerts?state=sideways')).status).toBe(400);
  });

  it('accepts an event signed with the webhook secret, and folds firing and resolved into one alert', async () => {
    const resolved = JSON.stringify(
      event({
        source: 'synclog',
        dedup_key: 'synclog:burst:import_from_1c',
        rule: 'burst',
        kind: 'error_burst',
        group: 'import_from_1c',
        state: 'resolved',
        at: new Date(T + 600_000).toISOString(),
      }),
    );
    const firing = JSON.stringify(
      event({
        source: 'synclog',
        dedup_key: 'synclog:burst:import_from_1c',
        rule: 'burst',
        kind: 'error_burst',
        group: 'import_from_1c',
      }),
    );
    const ts = String(T / 1000);
    // Out of order: the resolved event arrives first; the later event still wins.
    expect(
      (await post(resolved, { 'x-synclog-timestamp': ts, 'x-synclog-signature': signatureOf(SIGNING, ts, resolved) }))
        .status,
    ).toBe(201);
    expect(
      (await post(firing, { 'x-synclog-timestamp': ts, 'x-synclog-signature': signatureOf(SIGNING, ts, firing) }))
        .status,
    ).toBe(201);
    const { alerts } = (await (await as('viewer-token-0123456789', '/alerts?rule=burst')).json()) as {
      alerts: Array<Record<string, unknown>>;
    };
    expect(alerts).toEqual([
      expect.objectContaining({ state: 'resolved', events: 2, first_at: new Date(T + 600_000).toISOString() }),
    ]);
  });

  it('lets an admin acknowledge an alert, who and when and why, and a new episode clears it', async () => {
    expect(
      (await as('viewer-token-0123456789', '/alerts/synclog:error-rate/ack', { method: 'POST', body: '{}' })).status,
    ).toBe(403);
    expect(
      (await as('admin-token-0123456789', '/alerts/synclog:nothing/ack', { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    const ack = await as('admin-token-0123456789', '/alerts/synclog:error-rate/ack', {
      method: 'POST',
      body: JSON.stringify({ comment: '1C maintenance window' }),
    });
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({
      acknowledged: {
        by: expect.stringMatching(/^admin#/),
        at: new Date(T).toISOString(),
        comment: '1C maintenance window',
      },
    });
    await post(
      JSON.stringify(
        event({ started_at: new Date(T + 3_600_000).toISOString(), at: new Date(T + 3_600_000).toISOString() }),
      ),
      { 'x-synclog-alert-secret': RECEIVER },
    );
    const { alerts } = (await (await as('viewer-token-0123456789', '/alerts?rule=error-rate')).json()) as {
      alerts: Array<Record<string, unknown>>;
    };
    expect(alerts[0]).not.toHaveProperty('acknowledged');
    expect(alerts[0]).toMatchObject({ events: 2, started_at: new Date(T + 3_600_000).toISOString() });
  });
});
