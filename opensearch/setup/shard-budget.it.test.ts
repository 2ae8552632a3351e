import { afterAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { indexNames } from '../record/index-names.ts';
import { ShardBudgetError } from './check-shard-budget.ts';
import { ownIndices } from './own-indices.ts';
import { runSetup } from './run-setup.ts';
import { setupConfigFromEnv } from './setup-config.ts';

const client = testClient();
const refused = uniquePrefix('budget-refused');
const accepted = uniquePrefix('budget-accepted');
const config = (prefix: string, env: Record<string, string> = {}) =>
  setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix, ...env }));

afterAll(async () => {
  await dropPrefix(client, refused);
  await dropPrefix(client, accepted);
});

/** The shard limit as the cluster states it, read without synclog's facts reader. */
async function clusterLimit(): Promise<{ perNode: number; dataNodes: number }> {
  const { body: settings } = await client.cluster.getSettings({ include_defaults: true, flat_settings: true } as never);
  const layers = settings as unknown as Record<string, Record<string, string>>;
  const key = 'cluster.max_shards_per_node';
  const perNode = Number(layers.transient?.[key] ?? layers.persistent?.[key] ?? layers.defaults?.[key]);
  const { body: health } = await client.cluster.health();
  return { perNode, dataNodes: Number(health.number_of_data_nodes) };
}

/** Everything a setup could leave under `prefix`: indices, templates, repositories. */
async function resourcesUnder(prefix: string): Promise<string[]> {
  const found: string[] = [];
  const { body: indices } = await client.cat.indices({
    index: `${prefix}-*`,
    format: 'json',
    h: 'index',
    expand_wildcards: 'all',
  } as never);
  found.push(...(indices as unknown as Array<{ index: string }>).map((row) => `index ${row.index}`));
  const { body: templates } = await client.indices
    .getIndexTemplate({ name: `${prefix}-*` })
    .catch(() => ({ body: { index_templates: [] } }));
  found.push(...(templates.index_templates as Array<{ name: string }>).map((t) => `index template ${t.name}`));
  const { body: components } = await client.cluster
    .getComponentTemplate({ name: `${prefix}-*` })
    .catch(() => ({ body: { component_templates: [] } }));
  found.push(...(components.component_templates as Array<{ name: string }>).map((t) => `component template ${t.name}`));
  const { body: repositories } = await client.snapshot
    .getRepository({ repository: `${prefix}-*` })
    .catch(() => ({ body: {} }));
  found.push(...Object.keys(repositories).map((name) => `repository ${name}`));
  return found;
}

describe('the shard budget on a real node', () => {
  it('refuses daily indices kept two years that the cluster cannot hold, naming the numbers, and creates nothing', async () => {
    const { perNode, dataNodes } = await clusterLimit();
    // Today, 730 kept days, the day a 5-minute skew reaches into, one for the horizon's partial day.
    const periods = 733;
    // As many shards as it takes to pass the cluster's limit: 2 on a single node with the default 1,000.
    const shards = Math.floor((perNode * dataNodes) / periods) + 1;
    const attempt = runSetup(
      client,
      config(refused, {
        SYNCLOG_INDEX_PERIOD: 'day',
        SYNCLOG_INDEX_SHARDS: String(shards),
        SYNCLOG_INDEX_REPLICAS: '0',
      }),
    );

    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ShardBudgetError);
    const message = (error as Error).message;
    expect(message).toContain(`${periods} day log indices kept × ${shards} shards = ${periods * shards} shards`);
    expect(message).toContain(`cluster.max_shards_per_node ${perNode} × ${dataNodes} data node`);
    for (const variable of [
      'SYNCLOG_INDEX_PERIOD',
      'SYNCLOG_INDEX_SHARDS',
      'SYNCLOG_INDEX_REPLICAS',
      'SYNCLOG_RETENTION_DELETE_DAYS',
    ]) {
      expect(message).toContain(variable);
    }
    expect((error as ShardBudgetError).budget).toMatchObject({
      logShards: periods * shards,
      capacity: perNode * dataNodes,
      verdict: 'refuse',
    });
    expect(await resourcesUnder(refused)).toEqual([]);
  });

  it('accepts the default configuration and reports its budget against the cluster', async () => {
    const { perNode, dataNodes } = await clusterLimit();
    const report = await runSetup(client, config(accepted));

    const monthsKept = 1 + Math.ceil(730 / 28) + 1 + 1;
    expect(report.shardBudget.verdict).not.toBe('refuse');
    expect(report.shardBudget).toMatchObject({ logIndices: monthsKept, capacity: perNode * dataNodes });
    // One primary per log index and per own index (dead letters, access log, checkpoints, sessions, …).
    const own = ownIndices(indexNames(accepted)).length;
    expect(own).toBeGreaterThanOrEqual(16);
    if (dataNodes === 1) expect(report.shardBudget.needed).toBe(monthsKept + own);
    expect(report.shardBudget.headroom).toBe(
      report.shardBudget.capacity - report.shardBudget.needed - report.shardBudget.others,
    );
    expect(report.changes.find((c) => c.name === `${accepted}-deadletter`)?.action).toBe('created');
    // The test node has a small heap: the heap warning is expected there, and names its rule.
    for (const warning of report.warnings) expect(warning).toMatch(/^shard budget: /);
  });
});
