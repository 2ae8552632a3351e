import { afterAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { checkSetupDrift } from './setup-drift.ts';

const client = testClient();
const prefix = uniquePrefix('setup-drift');
afterAll(() => dropPrefix(client, prefix));

const configOf = (env: Record<string, string>) =>
  setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix, ...env }));

describe('checkSetupDrift against the metadata setup stores', () => {
  it('asks for setup before it ran, agrees after, and names what a differently configured service changes', async () => {
    const applied = configOf({ SYNCLOG_INDEX_PERIOD: 'week', SYNCLOG_RETENTION_DELETE_DAYS: '400' });
    expect(await checkSetupDrift(client, applied)).toEqual([expect.stringMatching(/run `synclog setup`/)]);
    await runSetup(client, applied);
    expect(await checkSetupDrift(client, applied)).toEqual([]);
    const drift = await checkSetupDrift(
      client,
      configOf({ SYNCLOG_INDEX_PERIOD: 'month', SYNCLOG_RETENTION_DELETE_DAYS: '730' }),
    );
    expect(drift).toEqual([
      expect.stringMatching(/SYNCLOG_INDEX_PERIOD is "month" .* "week"/),
      expect.stringMatching(/SYNCLOG_RETENTION_DELETE_DAYS is 730 .* 400 days/),
    ]);
  });
});
