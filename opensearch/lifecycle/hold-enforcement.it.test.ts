import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { runSynclog } from '../../test/run-synclog.ts';
import { createOpenSearchClient } from '../client/create-client.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { ismPolicyId } from '../lifecycle-policy/ism-policy-id.ts';
import { createLogIndexEnsurer } from '../log-indices/ensure-log-index.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import { periodOf } from '../record/index-period.ts';
import { runSetup } from '../setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../setup/setup-config.ts';
import { startIsmStandIn, type IsmStandIn } from './fixtures/ism-stand-in.ts';
import { liftHold, placeHold, type HoldDeps } from './hold-enforcement.ts';
import { readHold, readHolds } from './legal-hold.ts';
import { runLifecyclePass } from './lifecycle-runner.ts';
import { verifyRetention } from './verify-retention.ts';

/**
 * The node these tests run against has no ISM plugin. The built-in runner's path is tested on it
 * as it is. The ISM path goes through a stand-in for ISM's endpoints (every other request reaches
 * the real node): those tests check the requests synclog sends and what it concludes from the
 * answers, not what ISM then does.
 */
const client = testClient();
let ism: IsmStandIn;
let proxied: ReturnType<typeof createOpenSearchClient>;
const configs: SetupConfig[] = [];

/** Setup on the real node, or through the stand-in, whose `_cat/plugins` lists ISM: then setup installs the policy there. */
async function setUp(label: string, through: 'node' | 'stand-in'): Promise<SetupConfig> {
  const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: uniquePrefix(label) }));
  configs.push(config);
  await runSetup(through === 'node' ? client : proxied, config);
  return config;
}

const deps = (config: SetupConfig): HoldDeps => ({
  client: proxied,
  names: config.names,
  by: 'legal',
  now: () => new Date('2026-03-01T00:00:00Z'),
});
const month = (config: SetupConfig, m: string) =>
  createLogIndexEnsurer(proxied, config.names).ensure(periodOf(`${m}-15T00:00:00Z`, 'month'));
const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const exists = async (index: string) => (await client.indices.exists({ index })).body as unknown as boolean;

beforeAll(async () => {
  ism = await startIsmStandIn(inject('opensearchUrl'));
  proxied = createOpenSearchClient({ urls: [ism.url] });
});
afterAll(async () => {
  for (const config of configs) {
    const { body } = await client.snapshot
      .get({ repository: config.archive.name, snapshot: '_all' } as never)
      .catch(() => ({ body: { snapshots: [] } }));
    for (const s of (body as unknown as { snapshots: Array<{ snapshot: string }> }).snapshots)
      await client.snapshot.delete({ repository: config.archive.name, snapshot: s.snapshot }).catch(() => {});
    await dropPrefix(client, config.names.prefix);
  }
  await proxied.close();
  await ism.close();
});

describe('legal holds where the built-in runner runs retention (the real node)', () => {
  it('a hold is its document alone, keeps the index from deletion until released, and sends no ISM request', async () => {
    const config = await setUp('hold-builtin', 'node');
    ism.seen.length = 0;
    const index = await month(config, '2024-01');
    expect(await placeHold(deps(config), { index }, 'tax audit')).toEqual({ ok: true, id: index, executor: 'builtin' });
    expect(await readHold(client, config.names, index)).toEqual({
      id: index,
      index,
      reason: 'tax audit',
      by: 'legal',
      held_at: '2026-03-01T00:00:00.000Z',
    });
    const runner = { client, names: config.names, policy: config.lifecycle, by: 'test' };
    const past = new Date('2027-01-01T00:00:00Z'); // after January 2024's delete date
    expect(await runLifecyclePass({ ...runner, now: () => past })).toEqual([
      { index, action: 'cold', outcome: 'done' },
      { index, action: 'archive', outcome: 'done' },
      { index, action: 'blocked', outcome: 'blocked', detail: 'on legal hold' },
    ]);
    expect(await exists(index)).toBe(true);

    const later = await placeHold(deps(config), range('2024-03-01', '2024-04-01'), 'litigation');
    expect(later).toEqual({
      ok: true,
      id: 'range:2024-03-01T00:00:00.000Z..2024-04-01T00:00:00.000Z',
      executor: 'builtin',
    });
    const march = await month(config, '2024-03');
    expect(ism.seen.find((s) => s.method === 'PUT' && s.path === `/${march}`)?.body).toEqual({
      settings: { index: { creation_date: Date.parse('2024-03-01T00:00:00Z') } },
    });
    expect(ism.ismRequests()).toEqual([]);

    expect(await liftHold(deps(config), index)).toEqual({ released: true, executor: 'builtin' });
    expect(await liftHold(deps(config), index)).toEqual({ released: false });
    expect((await runLifecyclePass({ ...runner, now: () => past })).filter((o) => o.index === index)).toEqual([
      { index, action: 'delete', outcome: 'done' },
    ]);
    expect(await exists(index)).toBe(false);
    expect(ism.ismRequests()).toEqual([]);
  });
});

describe('legal holds where ISM runs retention (the requests synclog sends, through a stand-in for ISM’s endpoints)', () => {
  let config: SetupConfig;
  let jan: string;
  let feb: string;
  let mar: string;
  const cliEnv = () => ({ OPENSEARCH_URL: ism.url, SYNCLOG_INDEX_PREFIX: config.names.prefix });

  beforeAll(async () => {
    config = await setUp('hold-ism', 'stand-in');
    expect((await readSetupMetadata(client, config.names.meta))?.executors.retention).toBe('ism');
    [jan, feb, mar] = [await month(config, '2024-01'), await month(config, '2024-02'), await month(config, '2024-03')];
  });

  it('sends add for each new log index, then a range hold sends auto_manage false and remove for each covered index and records them', async () => {
    const policy = ismPolicyId(config.names.prefix);
    expect([...ism.managed]).toEqual([
      [jan, policy],
      [feb, policy],
      [mar, policy],
    ]);
    ism.seen.length = 0;
    const placed = await placeHold(deps(config), range('2024-02-10', '2024-03-05'), 'litigation');
    expect(placed).toEqual({
      ok: true,
      id: 'range:2024-02-10T00:00:00.000Z..2024-03-05T00:00:00.000Z',
      executor: 'ism',
      covered: [feb, mar],
      takenOut: [feb, mar],
    });
    expect(ism.ismRequests()).toEqual([
      `PUT /${feb}/_settings {"index.plugins.index_state_management.auto_manage":false}`,
      `POST /_plugins/_ism/remove/${feb}`,
      `PUT /${mar}/_settings {"index.plugins.index_state_management.auto_manage":false}`,
      `POST /_plugins/_ism/remove/${mar}`,
    ]);
    expect((await readHold(client, config.names, placed.id))?.ism).toEqual({
      policy_id: policy,
      removed: [feb, mar],
      at: '2026-03-01T00:00:00.000Z',
    });
    expect([...ism.managed.keys()]).toEqual([jan]);

    // verify: the held indices must be out of ISM, the others in it.
    const check = () => verifyRetention(proxied, config.names, config.lifecycle, new Date('2026-03-01T00:00:00Z'));
    expect(await check()).toEqual({ checked: 3, problems: [] });
    ism.managed.set(mar, policy);
    expect((await check()).problems).toEqual([
      {
        index: mar,
        problem: `on legal hold, yet the ISM policy ${policy} manages it: place the hold again to take it out`,
      },
    ]);
    ism.seen.length = 0;
    const again = await placeHold(deps(config), range('2024-02-10', '2024-03-05'), 'litigation');
    expect(again).toMatchObject({ ok: true, covered: [feb, mar], takenOut: [mar] });
    expect((await readHold(client, config.names, placed.id))?.ism?.removed).toEqual([feb, mar]);
    expect(await check()).toEqual({ checked: 3, problems: [] });
  });

  it('release gives back with add only what no other hold still covers', async () => {
    const policy = ismPolicyId(config.names.prefix);
    expect(await placeHold(deps(config), { index: feb }, 'subpoena')).toMatchObject({
      ok: true,
      covered: [feb],
      takenOut: [],
    });
    ism.seen.length = 0;
    expect(await liftHold(deps(config), 'range:2024-02-10T00:00:00.000Z..2024-03-05T00:00:00.000Z')).toEqual({
      released: true,
      executor: 'ism',
      givenBack: [mar],
      failed: [],
    });
    expect(ism.ismRequests()).toEqual([`POST /_plugins/_ism/add/${mar} {"policy_id":"${policy}"}`]);
    expect(await liftHold(deps(config), feb)).toEqual({
      released: true,
      executor: 'ism',
      givenBack: [feb],
      failed: [],
    });
    expect([...ism.managed.keys()].sort()).toEqual([jan, feb, mar].sort());
    expect(await readHolds(client, config.names)).toEqual([]);
  });

  it('`retention hold` refuses when ISM refuses one index (403), stores no hold and gives back what it took out', async () => {
    const policy = ismPolicyId(config.names.prefix);
    ism.forbidden.add(mar);
    ism.seen.length = 0;
    const args = ['retention', 'hold', '--from', '2024-02-10', '--to', '2024-03-05', '--reason', 'litigation'];
    const refused = await runSynclog(args, cliEnv());
    expect(refused.code).toBe(1);
    expect(refused.lines.at(-1)).toBe(
      `hold range:2024-02-10T00:00:00.000Z..2024-03-05T00:00:00.000Z is NOT in place: ISM did not remove ${mar} from its policy: 403 security_exception: no permissions for [cluster:admin/opendistro/ism/managedindex/remove] and User [name=synclog, backend_roles=[], requestedTenant=null]`,
    );
    expect(ism.ismRequests()).toEqual([
      `PUT /${feb}/_settings {"index.plugins.index_state_management.auto_manage":false}`,
      `POST /_plugins/_ism/remove/${feb}`,
      `PUT /${mar}/_settings {"index.plugins.index_state_management.auto_manage":false}`,
      `POST /_plugins/_ism/remove/${mar}`,
      `POST /_plugins/_ism/add/${feb} {"policy_id":"${policy}"}`,
    ]);
    expect((await runSynclog(['retention', 'holds'], cliEnv())).lines.at(-1)).toBe('no holds');
    expect(ism.managed.get(feb)).toBe(policy);

    ism.forbidden.clear();
    const placed = await runSynclog(args, cliEnv());
    expect(placed.code).toBe(0);
    expect(placed.lines.slice(-3)).toEqual([
      'hold range:2024-02-10T00:00:00.000Z..2024-03-05T00:00:00.000Z is in place: what it covers will not be deleted until it is released',
      `ISM runs retention here: the 2 index(es) the hold covers are out of ISM's hands (2 taken out now: ${feb}, ${mar}); release gives them back`,
      'log indices created later inside the range are kept out of ISM from their creation',
    ]);
    const released = await runSynclog(
      ['retention', 'release', 'range:2024-02-10T00:00:00.000Z..2024-03-05T00:00:00.000Z'],
      cliEnv(),
    );
    expect([released.code, released.lines.slice(-2)]).toEqual([
      0,
      [
        'hold range:2024-02-10T00:00:00.000Z..2024-03-05T00:00:00.000Z is released',
        `given back to ISM: ${feb}, ${mar}`,
      ],
    ]);
  });

  it('setup, run again, attaches every log index to the policy but the held ones', async () => {
    const placed = await placeHold(deps(config), { index: feb }, 'subpoena');
    expect(placed).toMatchObject({ ok: true, takenOut: [feb] });
    ism.seen.length = 0;
    await runSetup(proxied, config);
    const policy = ismPolicyId(config.names.prefix);
    expect(ism.ismRequests().filter((r) => !r.includes(' /_plugins/_ism/policies/'))).toEqual([
      `GET /_plugins/_ism/explain/${jan}`,
      `GET /_plugins/_ism/explain/${mar}`,
    ]);
    expect([...ism.managed.keys()].sort()).toEqual([jan, mar].sort());
    expect(await liftHold(deps(config), feb)).toEqual({
      released: true,
      executor: 'ism',
      givenBack: [feb],
      failed: [],
    });
    expect(ism.managed.get(feb)).toBe(policy);
  });

  it('a log index created later inside a held range is created with auto_manage false and not added; one outside is added', async () => {
    const placed = await placeHold(deps(config), range('2024-04-01', '2024-05-01'), 'litigation');
    expect(placed).toMatchObject({ ok: true, covered: [], takenOut: [] });
    ism.seen.length = 0;
    const apr = await month(config, '2024-04');
    const may = await month(config, '2024-05');
    expect(ism.ismRequests()).toEqual([
      `PUT /${apr} {"settings":{"index":{"creation_date":${Date.parse('2024-04-01T00:00:00Z')}},"index.plugins.index_state_management.auto_manage":false}}`,
      `POST /_plugins/_ism/add/${may} {"policy_id":"${ismPolicyId(config.names.prefix)}"}`,
    ]);
    expect(await exists(apr)).toBe(true);
    expect([ism.managed.has(apr), ism.autoManageOff.has(apr), ism.managed.has(may)]).toEqual([false, true, true]);
    expect(await liftHold(deps(config), placed.id)).toMatchObject({ released: true, givenBack: [apr], failed: [] });
  });
});
