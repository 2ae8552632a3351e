import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ConfigError } from '../opensearch/config/parse-env.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { serviceConfigFromEnv } from './config/service-config.ts';
import { createService } from './create-service.ts';

const client = testClient();
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await dropPrefix(client, prefix);
});

const ADMIN = 'admin-token-0123456789';

/** A configuration as `synclog serve` would read it, under a fresh prefix and home. */
async function configured(env: Record<string, string> = {}, { setUp = true } = {}) {
  const prefix = uniquePrefix('service');
  prefixes.push(prefix);
  const home = mkdtempSync(join(tmpdir(), 'synclog-service-'));
  const config = serviceConfigFromEnv({
    OPENSEARCH_URL: inject('opensearchUrl'),
    SYNCLOG_INDEX_PREFIX: prefix,
    SYNCLOG_HOME: home,
    ...env,
  });
  if (setUp) await runSetup(client, config.setup);
  return { config, home };
}

describe('the service assembled from its configuration', () => {
  it('serves the API with the configured tokens, records accesses through its write-ahead log, and drains it on stop', async () => {
    const { config, home } = await configured({ SYNCLOG_API_TOKENS: `admin:${ADMIN}`, SYNCLOG_MAX_PAGE_SIZE: '20' });
    const service = createService(config, { client, port: 0 });
    const url = await service.start();
    try {
      expect(await service.start()).toBe(url);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/logs`)).status).toBe(401);
      const auth = { headers: { Authorization: `Bearer ${ADMIN}` } };
      expect((await fetch(`${url}/logs?size=20`, auth)).status).toBe(200);
      // The configured page limit, not the default 500.
      expect((await fetch(`${url}/logs?size=21`, auth)).status).toBe(400);
      const schedule = (await (await fetch(`${url}/schedule`, auth)).json()) as { jobs: Array<{ name: string }> };
      expect(schedule.jobs.map((j) => j.name).sort()).toEqual(service.jobs.map((j) => j.name).sort());
      expect(statSync(join(home, 'access-log-wal')).isDirectory()).toBe(true);
    } finally {
      await service.stop();
    }
    await service.stop();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    await client.indices.refresh({ index: config.setup.names.accessLog });
    const { body } = await client.search({
      index: config.setup.names.accessLog,
      body: { query: { term: { route: '/logs' } } },
    } as never);
    expect((body as unknown as { hits: { total: { value: number } } }).hits.total.value).toBe(1);
  });

  it('generates an admin token under SYNCLOG_HOME when none is configured, and says where', async () => {
    const { config, home } = await configured({ SYNCLOG_SCHEDULER_ENABLED: 'false' });
    const lines: string[] = [];
    const service = createService(config, { client, port: 0, say: (line) => lines.push(line) });
    const file = join(home, 'api-token');
    expect(lines).toContain(
      `no SYNCLOG_API_TOKENS: the admin token is in ${file} (send it as "Authorization: Bearer <token>")`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const url = await service.start();
    try {
      const token = readFileSync(file, 'utf8').trim();
      expect((await fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await service.stop();
    }
  });

  it('refuses to assemble with a schedule override for a job it does not have, naming SYNCLOG_SCHEDULE', async () => {
    const { config } = await configured(
      { SYNCLOG_API_TOKENS: `admin:${ADMIN}`, SYNCLOG_SCHEDULE: '{"nightly-report": {"enabled": false}}' },
      { setUp: false },
    );
    expect(() => createService(config, { client, port: 0 })).toThrow(ConfigError);
    expect(() => createService(config, { client, port: 0 })).toThrow(/SYNCLOG_SCHEDULE: no job named "nightly-report"/);
  });

  it('stops cleanly without having started', async () => {
    const { config } = await configured({ SYNCLOG_API_TOKENS: `admin:${ADMIN}` }, { setUp: false });
    const service = createService(config, { client, port: 0 });
    await service.stop();
    await expect(service.stop()).resolves.toBeUndefined();
  });
});
