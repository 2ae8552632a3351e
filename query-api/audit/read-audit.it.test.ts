import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAlertEvent } from '../../opensearch/alerting/alert-inbox.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import { readAccessLog } from './access-log.ts';
import type { AccessLogWriter } from './access-log-writer.ts';

const client = testClient();
const prefix = uniquePrefix('read-audit');
const VIEWER = 'viewer-token-reads-0123456789';
const ADMIN = 'admin-token-reads-0123456789';
let config: SetupConfig;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  const at = new Date('2026-11-23T10:00:00.000Z').toISOString();
  for (const group of ['c-1', 'c-2'])
    await recordAlertEvent(
      client,
      config.names,
      {
        source: 'synclog',
        rule: 'customer-failures',
        kind: 'repeated_failures',
        state: 'firing',
        severity: 'warning',
        dedup_key: `synclog:customer-failures:${group}`,
        group,
        value: 3,
        threshold: 3,
        count: 3,
        summary: `3 failures for ${group}`,
        started_at: at,
        at,
        samples: [],
      },
      new Date(at),
    );
});
afterAll(() => dropPrefix(client, prefix));

const tokens = apiTokens([
  { role: 'viewer', token: VIEWER },
  { role: 'admin', token: ADMIN },
]);
const app = (accessLog?: AccessLogWriter) =>
  createApp({ client, names: config.names, tokens, ...(accessLog ? { accessLog } : {}) });
const as = (token: string, path: string, accessLog?: AccessLogWriter) =>
  app(accessLog).request(path, { headers: { Authorization: `Bearer ${token}` } });
const entries = async (event: string) => {
  await client.indices.refresh({ index: config.names.accessLog });
  return readAccessLog(client, config.names, { event, size: 10 });
};
const refusing: AccessLogWriter = {
  write: () => Promise.reject(new Error('the access log is unavailable')),
  flush: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

describe('reads the access log records besides searches, views, exports and reports', () => {
  it('records a review coverage read with its filters: counts for a customer tell whether the customer had errors', async () => {
    expect((await as(VIEWER, '/reviews/coverage?q=info@romashka.ru')).status).toBe(200);
    expect(await entries('coverage.read')).toEqual([
      expect.objectContaining({
        who: expect.stringMatching(/^viewer#/),
        route: '/reviews/coverage',
        filters: { q: 'info@romashka.ru' },
      }),
    ]);
  });

  it('records an alerts read with the number of alerts shown', async () => {
    const response = await as(VIEWER, '/alerts?state=firing');
    const { alerts } = (await response.json()) as { alerts: unknown[] };
    expect(alerts).toHaveLength(2);
    expect(await entries('alerts.read')).toEqual([
      expect.objectContaining({ route: '/alerts', filters: { state: 'firing' }, row_count: 2 }),
    ]);
  });

  it('records each read of the access log itself, which can be asked by event', async () => {
    const response = await as(ADMIN, '/audit?event=alerts.read');
    expect(((await response.json()) as { entries: unknown[] }).entries).toHaveLength(1);
    expect(await entries('audit.read')).toEqual([
      expect.objectContaining({
        who: expect.stringMatching(/^admin#/),
        filters: { event: 'alerts.read' },
        row_count: 1,
      }),
    ]);
  });

  it('answers none of these reads when the access log cannot record them (503)', async () => {
    for (const [token, path] of [
      [VIEWER, '/reviews/coverage'],
      [VIEWER, '/alerts'],
      [ADMIN, '/audit'],
    ] as const)
      expect((await as(token, path, refusing)).status, path).toBe(503);
  });
});
