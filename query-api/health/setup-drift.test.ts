import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import type { ClusterCapabilities } from '../../opensearch/cluster/cluster-capabilities.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { setupMetadata } from '../../opensearch/setup/setup-metadata.ts';
import { checkSetupDrift, serviceSetupDrift } from './setup-drift.ts';

const configOf = (env: Record<string, string>) =>
  setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: 'crm', ...env }));
const capabilities: ClusterCapabilities = {
  version: '3.8.0',
  distribution: 'opensearch',
  plugins: [],
  executors: { retention: 'builtin', alerting: 'builtin' },
};
/** The document setup writes for this configuration. */
const storedBy = (env: Record<string, string>) =>
  JSON.parse(JSON.stringify(setupMetadata(configOf(env), capabilities))) as Record<string, unknown>;

describe('serviceSetupDrift', () => {
  it('says nothing when the service runs with the configuration setup applied', () => {
    const env = { SYNCLOG_INDEX_PERIOD: 'week', SYNCLOG_RETENTION_DELETE_DAYS: '400' };
    expect(serviceSetupDrift(storedBy(env), configOf(env))).toEqual([]);
  });

  it('names the period and the retention, with both values, when they differ', () => {
    const drift = serviceSetupDrift(
      storedBy({ SYNCLOG_INDEX_PERIOD: 'month', SYNCLOG_RETENTION_DELETE_DAYS: '730' }),
      configOf({ SYNCLOG_INDEX_PERIOD: 'day', SYNCLOG_RETENTION_DELETE_DAYS: '365' }),
    );
    expect(drift).toHaveLength(2);
    expect(drift[0]).toMatch(/SYNCLOG_INDEX_PERIOD is "day" .* "month"/);
    expect(drift[1]).toMatch(/SYNCLOG_RETENTION_DELETE_DAYS is 365 .* 730 days/);
  });

  it('asks for setup when no metadata is stored', () => {
    expect(serviceSetupDrift(null, configOf({}))).toEqual([
      expect.stringMatching(/no setup metadata for prefix "crm".*run `synclog setup`/),
    ]);
  });

  it('reads an older or partial document without complaint about what it does not record, and without throwing on odd shapes', () => {
    const own = configOf({});
    expect(serviceSetupDrift({ schema_version: 1 }, own)).toEqual([]);
    expect(serviceSetupDrift({ index: null, lifecycle: 'x' }, own)).toEqual([]);
    expect(serviceSetupDrift({ index: { period: 7 } }, own)).toEqual([
      expect.stringMatching(/SYNCLOG_INDEX_PERIOD is "month" .* "7"/),
    ]);
    expect(serviceSetupDrift({ event_window: { period: 'day', delete_days: 730 } }, own)).toEqual([
      expect.stringMatching(/SYNCLOG_INDEX_PERIOD is "month" .* "day"/),
    ]);
  });
});

describe('checkSetupDrift', () => {
  it('reports an unreachable cluster as a line instead of failing start-up', async () => {
    const client = createOpenSearchClient({ urls: ['http://127.0.0.1:9'], requestTimeoutMs: 1_000 });
    expect(await checkSetupDrift(client, configOf({}))).toEqual([
      expect.stringMatching(/could not read the setup metadata of prefix "crm"/),
    ]);
    await client.close();
  });
});
