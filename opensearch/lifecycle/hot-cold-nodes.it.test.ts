import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClusterOptions } from '../../cli/local-cluster-options.ts';
import { createOpenSearchClient, type OpenSearchClient } from '../client/create-client.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { deleteLocalCluster, startLocalCluster, type LocalClusterOptions } from '../local/local-cluster.ts';
import { createLogIndexEnsurer } from '../log-indices/ensure-log-index.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { periodOf } from '../record/index-period.ts';
import { runSetup } from '../setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../setup/setup-config.ts';
import { runLifecyclePass } from './lifecycle-runner.ts';

// Its own two-node cluster from the local launcher: node 0 is temp=hot, node 1 temp=cold.
const options: LocalClusterOptions = {
  ...localClusterOptions(process.env),
  name: `it-hot-cold-${randomBytes(3).toString('hex')}`,
  nodes: 2,
  port: undefined,
};
let client: OpenSearchClient;
let config: SetupConfig;

beforeAll(async () => {
  const started = await startLocalCluster(options);
  client = createOpenSearchClient({ urls: [started.url] });
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: 'hotcold' }));
  await runSetup(client, config);
}, 180_000);
afterAll(async () => {
  await client?.close();
  await deleteLocalCluster(options);
});

async function shardNodes(index: string): Promise<string[]> {
  await client.cluster.health({
    index,
    wait_for_no_relocating_shards: true,
    wait_for_no_initializing_shards: true,
    timeout: '60s',
  } as never);
  const { body } = await client.cat.shards({ index, format: 'json', h: 'node,state' } as never);
  return (body as unknown as Array<{ node: string; state: string }>).map((s) => `${s.node} ${s.state}`).sort();
}

describe('the lifecycle runner on a hot/cold cluster', () => {
  it(
    'writes new log indices on the hot node and moves them to the cold node when they go cold',
    { timeout: 120_000 },
    async () => {
      const period = periodOf('2025-03-10T00:00:00Z', 'month');
      const index = await createLogIndexEnsurer(client, config.names).ensure(period);
      const records = generateRecords({
        seed: 4,
        count: 200,
        from: period.start,
        to: new Date(period.end.getTime() - 1),
      });
      await client.bulk({
        refresh: true,
        body: records.flatMap((r) => [{ create: { _index: index, _id: r.event_id } }, r]),
      } as never);
      expect(await shardNodes(index)).toEqual([`${options.name}-0 STARTED`]);

      const outcomes = await runLifecyclePass({
        client,
        names: config.names,
        policy: config.lifecycle,
        now: () => new Date(period.end.getTime() + 100 * 86_400_000),
        by: 'test',
      });
      expect(outcomes.map((o) => `${o.action} ${o.outcome}`)).toEqual(['cold done', 'archive done']);
      expect(await shardNodes(index)).toEqual([`${options.name}-1 STARTED`]);
      expect((await client.count({ index })).body.count).toBe(200);
    },
  );
});
