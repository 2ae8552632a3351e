import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordAlertEvent } from '../opensearch/alerting/alert-inbox.ts';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { runSynclog } from '../test/run-synclog.ts';

const client = testClient();
const prefix = uniquePrefix('cli-alerts');
const env = () => ({ OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix });

beforeAll(async () => {
  const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  const at = '2026-11-23T10:00:00.000Z';
  await recordAlertEvent(
    client,
    config.names,
    {
      source: 'synclog',
      rule: 'slow-operations',
      kind: 'slow_operations',
      state: 'firing',
      severity: 'warning',
      dedup_key: 'synclog:slow-operations',
      group: '',
      value: 7_300,
      threshold: 5_000,
      count: 90,
      summary: 'p95 duration 7300 ms',
      started_at: at,
      at,
      samples: [],
    },
    new Date(at),
  );
});
afterAll(() => dropPrefix(client, prefix));

describe('synclog alerts', () => {
  it('lists alerts and acknowledges one as the local user', async () => {
    const list = await runSynclog(['alerts', 'list'], env());
    expect(list.code).toBe(0);
    expect(list.lines).toContainEqual(
      expect.stringMatching(/^firing\s+warning\s+synclog:slow-operations\s+since 2026-11-23T10:00:00.000Z$/),
    );
    const ack = await runSynclog(
      ['alerts', 'ack', 'synclog:slow-operations', '--comment', 'known: 1C batch night'],
      env(),
    );
    expect(ack.code).toBe(0);
    const [alert] = JSON.parse(
      (await runSynclog(['alerts', 'list', '--state', 'firing', '--json'], env())).lines.join('\n'),
    ) as Array<{ acknowledged: { by: string; comment: string } }>;
    expect(alert!.acknowledged).toMatchObject({ by: expect.stringMatching(/^cli:/), comment: 'known: 1C batch night' });
    const missing = await runSynclog(['alerts', 'ack', 'synclog:nothing'], env());
    expect(missing.code).toBe(1);
    const bad = await runSynclog(['alerts', 'list', '--state', 'sideways'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--state: /);
  });
});
