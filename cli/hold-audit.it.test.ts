import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { createLogIndexEnsurer } from '../opensearch/log-indices/ensure-log-index.ts';
import { periodOf } from '../opensearch/record/index-period.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../opensearch/setup/setup-config.ts';
import { readAccessLog } from '../query-api/audit/access-log.ts';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { runSynclog } from '../test/run-synclog.ts';

const client = testClient();
const prefix = uniquePrefix('hold-audit');
const env = () => ({ OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix });
let config: SetupConfig;
let index: string;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  index = await createLogIndexEnsurer(client, config.names).ensure(periodOf('2024-03-10T00:00:00Z', 'month'));
});
afterAll(async () => {
  await dropPrefix(client, prefix);
});

const entries = async (event: string) => {
  await client.indices.refresh({ index: config.names.accessLog });
  return readAccessLog(client, config.names, { event, size: 10 });
};

describe('legal holds in the access log', () => {
  it('records who placed and who released a hold, on which index or time range, and why', async () => {
    const who = `cli:${userInfo().username}`;
    const onIndex = await runSynclog(['retention', 'hold', index, '--reason', 'court order 12/7'], env());
    expect(onIndex.code).toBe(0);
    const onRange = await runSynclog(
      ['retention', 'hold', '--from', '2024-01-20', '--to', '2024-01-21', '--reason', 'tax audit'],
      env(),
    );
    expect(onRange.code).toBe(0);
    const rangeId = 'range:2024-01-20T00:00:00.000Z..2024-01-21T00:00:00.000Z';
    const placed = await entries('hold.placed');
    expect(placed).toHaveLength(2);
    expect(placed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          who,
          role: 'cli',
          method: 'CLI',
          route: 'retention hold',
          hold_id: index,
          filters: { index },
          reason: 'court order 12/7',
        }),
        expect.objectContaining({
          who,
          hold_id: rangeId,
          filters: { from: '2024-01-20T00:00:00.000Z', to: '2024-01-21T00:00:00.000Z' },
          reason: 'tax audit',
        }),
      ]),
    );

    const release = await runSynclog(['retention', 'release', rangeId, '--reason', 'audit closed'], env());
    expect(release.code).toBe(0);
    expect(await entries('hold.released')).toEqual([
      expect.objectContaining({
        who,
        route: 'retention release',
        hold_id: rangeId,
        filters: { from: '2024-01-20T00:00:00.000Z', to: '2024-01-21T00:00:00.000Z' },
        reason: 'audit closed',
      }),
    ]);
  });

  it('records nothing for a release of a hold that does not exist', async () => {
    const none = await runSynclog(['retention', 'release', 'no-such-hold'], env());
    expect(none.code).toBe(1);
    expect((await entries('hold.released')).map((e) => e.hold_id)).not.toContain('no-such-hold');
  });
});
