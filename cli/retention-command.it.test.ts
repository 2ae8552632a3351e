import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { createLogIndexEnsurer } from '../opensearch/log-indices/ensure-log-index.ts';
import { periodOf } from '../opensearch/record/index-period.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { runSynclog } from '../test/run-synclog.ts';

const client = testClient();
const prefix = uniquePrefix('cli-ret');
const env = () => ({ OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix });
let config: SetupConfig;
let index: string;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  // A month long past its delete date (730 days after January 2024 ended).
  index = await createLogIndexEnsurer(client, config.names).ensure(periodOf('2024-01-10T00:00:00Z', 'month'));
});
afterAll(async () => {
  const { body } = await client.snapshot.get({ repository: config.archive.name, snapshot: '_all' } as never).catch(() => ({ body: { snapshots: [] } }));
  for (const s of (body as unknown as { snapshots: Array<{ snapshot: string }> }).snapshots) await client.snapshot.delete({ repository: config.archive.name, snapshot: s.snapshot }).catch(() => {});
  await dropPrefix(client, prefix);
});

describe('synclog retention', () => {
  it('shows what is due without doing it, holds and releases, then runs the whole walk in one pass', async () => {
    const status = await runSynclog(['retention', 'status', '--json'], env());
    expect(status.code).toBe(0);
    expect(JSON.parse(status.lines.join('\n'))).toEqual([{ index, action: 'cold', outcome: 'planned' }]);
    expect((await client.indices.getSettings({ index, flat_settings: true } as never)).body).not.toMatchObject({ [index]: { settings: { 'index.blocks.write': 'true' } } });

    const hold = await runSynclog(['retention', 'hold', index, '--reason', 'tax audit'], env());
    expect(hold.lines.at(-1)).toBe(`${index} is on hold: it will not be deleted until released`);
    const heldRun = await runSynclog(['retention', 'run', '--json'], env());
    expect(JSON.parse(heldRun.lines.join('\n'))).toEqual([
      { index, action: 'cold', outcome: 'done' },
      { index, action: 'archive', outcome: 'done' },
      { index, action: 'blocked', outcome: 'blocked', detail: 'on legal hold' },
    ]);
    expect((await runSynclog(['retention', 'release', index], env())).code).toBe(0);
    expect((await runSynclog(['retention', 'release', index], env())).lines.at(-1)).toBe(`${index} was not on hold`);

    const run = await runSynclog(['retention', 'run'], env());
    expect(run.code).toBe(0);
    expect(run.lines.at(-1)).toBe(`${index}  delete: done`);
    expect((await client.indices.exists({ index })).body).toBe(false);
  });

  it('refuses a hold without a reason, naming --reason', async () => {
    const run = await runSynclog(['retention', 'hold', `${prefix}-logs-2020.01`], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--reason: say why the index is held/);
  });
});
