import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { createLogIndexEnsurer } from '../opensearch/log-indices/ensure-log-index.ts';
import { generateRecords } from '../test/generator/index.ts';
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
  // A month long past its delete date (730 days after January 2024 ended), holding 3 records.
  const period = periodOf('2024-01-10T00:00:00Z', 'month');
  index = await createLogIndexEnsurer(client, config.names).ensure(period);
  const records = generateRecords({ seed: 5, count: 3, from: period.start, to: new Date(period.end.getTime() - 1) });
  await client.bulk({
    refresh: true,
    body: records.flatMap((r) => [{ create: { _index: index, _id: r.event_id } }, r]),
  } as never);
});
afterAll(async () => {
  const { body } = await client.snapshot
    .get({ repository: config.archive.name, snapshot: '_all' } as never)
    .catch(() => ({ body: { snapshots: [] } }));
  for (const s of (body as unknown as { snapshots: Array<{ snapshot: string }> }).snapshots)
    await client.snapshot.delete({ repository: config.archive.name, snapshot: s.snapshot }).catch(() => {});
  await dropPrefix(client, prefix);
});

const json = (run: { lines: string[] }) => JSON.parse(run.lines.join('\n')) as unknown;

describe('synclog retention', () => {
  it('reports, verifies, holds a time range, runs the walk, restores the archive and proves the deletion', async () => {
    expect(json(await runSynclog(['retention', 'status', '--json'], env()))).toEqual([
      expect.objectContaining({
        index,
        state: 'hot',
        docs: 3,
        held: false,
        archive: null,
        next: 'cold due now',
        period_start: '2024-01-01T00:00:00.000Z',
        age_days: expect.any(Number),
      }),
    ]);
    const overdue = await runSynclog(['retention', 'verify'], env());
    expect(overdue.code).toBe(1);
    expect(overdue.lines).toContain(`${index}: kept past its delete date 2026-01-31T00:00:00.000Z without a hold`);

    const hold = await runSynclog(
      ['retention', 'hold', '--from', '2024-01-20', '--to', '2024-01-21', '--reason', 'tax audit'],
      env(),
    );
    expect(hold.lines.at(-1)).toBe(
      'hold range:2024-01-20T00:00:00.000Z..2024-01-21T00:00:00.000Z is in place: what it covers will not be deleted until it is released',
    );
    expect(json(await runSynclog(['retention', 'run', '--json'], env()))).toEqual([
      { index, action: 'cold', outcome: 'done' },
      { index, action: 'archive', outcome: 'done' },
      { index, action: 'blocked', outcome: 'blocked', detail: 'on legal hold' },
    ]);
    expect((await runSynclog(['retention', 'verify'], env())).code).toBe(0);
    expect((await runSynclog(['retention', 'holds'], env())).lines.at(-1)).toMatch(
      /^range:2024-01-20T00:00:00.000Z..2024-01-21T00:00:00.000Z {2}by cli:\S+ at .*: tax audit$/,
    );
    expect(
      (await runSynclog(['retention', 'release', 'range:2024-01-20T00:00:00.000Z..2024-01-21T00:00:00.000Z'], env()))
        .code,
    ).toBe(0);
    expect(
      (await runSynclog(['retention', 'release', 'range:2024-01-20T00:00:00.000Z..2024-01-21T00:00:00.000Z'], env()))
        .code,
    ).toBe(1);

    const run = await runSynclog(['retention', 'run'], env());
    expect(run.code).toBe(0);
    expect(run.lines.at(-1)).toBe(`${index}  delete: done`);
    expect((await client.indices.exists({ index })).body).toBe(false);
    expect((await runSynclog(['retention', 'verify'], env())).lines.at(-1)).toBe('0 index(es) checked, 0 problem(s)');

    const restore = await runSynclog(['retention', 'restore', '--from', '2024-01-05', '--to', '2024-01-06'], env());
    expect(restore.code).toBe(0);
    expect(restore.lines.at(-1)).toMatch(
      new RegExp(`^${index} → ${prefix}-restored-2024\\.01 \\(3 docs, from ${index}\\.archive\\.\\d+\\)$`),
    );
  });

  it('refuses a hold without a reason and an archive without --before, naming the option', async () => {
    const hold = await runSynclog(['retention', 'hold', `${prefix}-logs-2020.01`], env());
    expect(hold.code).toBe(1);
    expect(hold.stderr).toMatch(/--reason: say why the index is held/);
    const archive = await runSynclog(['retention', 'archive'], env());
    expect(archive.code).toBe(1);
    expect(archive.stderr).toMatch(/--before: give the date/);
  });
});
