import { readDataNodeHeapBytes, readShardFacts } from '../capacity/read-shard-facts.ts';
import { SHARDS_PER_HEAP_GIB, shardBudget, type ShardBudget } from '../capacity/shard-budget.ts';
import type { OpenSearchClient } from '../client/create-client.ts';
import { ConfigError } from '../config/parse-env.ts';
import type { IndexNames } from '../record/index-names.ts';
import { ownIndices } from './own-indices.ts';
import { eventWindowOf, type SetupConfig } from './setup-config.ts';

const SIZING_VARIABLES =
  'SYNCLOG_INDEX_PERIOD, SYNCLOG_INDEX_SHARDS, SYNCLOG_INDEX_REPLICAS, SYNCLOG_RETENTION_DELETE_DAYS';

/** A configuration whose steady state the cluster cannot hold; nothing was created. */
export class ShardBudgetError extends ConfigError {
  constructor(
    readonly budget: ShardBudget,
    config: SetupConfig,
  ) {
    super([
      {
        variable: SIZING_VARIABLES,
        message:
          `the cluster cannot hold this configuration: ${describeNeed(budget, config)}, ` +
          `above 95 % of the cluster's ${budget.capacity} (${describeCapacity(budget)}). ` +
          'Use a longer SYNCLOG_INDEX_PERIOD, fewer SYNCLOG_INDEX_SHARDS or SYNCLOG_INDEX_REPLICAS, a shorter ' +
          'SYNCLOG_RETENTION_DELETE_DAYS, or give the cluster more data nodes or a higher cluster.max_shards_per_node',
      },
    ]);
  }
}

export interface ShardBudgetCheck {
  readonly budget: ShardBudget;
  /** One sentence per warning, naming the numbers. */
  readonly warnings: readonly string[];
}

/**
 * Reads the cluster's shard use and limit, and judges the configuration's steady state against
 * them. Throws `ShardBudgetError` when the cluster cannot hold it; setup calls this before it
 * creates anything.
 */
export async function checkShardBudget(client: OpenSearchClient, config: SetupConfig): Promise<ShardBudgetCheck> {
  const [facts, heapBytes, ownShards] = await Promise.all([
    readShardFacts(client),
    readDataNodeHeapBytes(client),
    shardsHeldBy(client, config.names),
  ]);
  const window = eventWindowOf(config);
  const budget = shardBudget({
    logs: {
      period: window.period,
      hotDays: config.lifecycle.hot_days,
      deleteDays: window.deleteDays,
      clockSkewMs: window.clockSkewMs,
      shards: config.index.shards,
      replicas: config.index.replicas,
      coldReplicas: config.lifecycle.cold.replicas,
    },
    ownIndices: ownIndices(config.names).length,
    cluster: { ...facts, ownShards, heapBytes },
  });
  if (budget.verdict === 'refuse') throw new ShardBudgetError(budget, config);
  const warnings = budget.warnings.map((w) => (w === 'heap' ? heapWarning(budget) : capacityWarning(budget)));
  return { budget, warnings };
}

/** One line of numbers for the setup report. */
export function describeShardBudget(budget: ShardBudget): string {
  return (
    `shard budget: ${budget.needed} needed (${budget.logShards} for ${budget.logIndices} log indices, ${budget.ownIndexShards} for synclog's own), ` +
    `${budget.others} held by others, capacity ${budget.capacity}, headroom ${budget.headroom}`
  );
}

/** Shard copies of synclog's log and own indices under this prefix, open or closed (the health report counts both). */
async function shardsHeldBy(client: OpenSearchClient, names: IndexNames): Promise<number> {
  const { body } = await client.cat.indices({
    index: `${names.prefix}-*`,
    format: 'json',
    h: 'index,pri,rep',
    expand_wildcards: 'all',
  } as never);
  const own = new Set(ownIndices(names).map(([name]) => name));
  return (body as unknown as Array<{ index: string; pri: string; rep: string }>)
    .filter((row) => own.has(row.index) || names.periodOfIndex(row.index) !== null)
    .reduce((sum, row) => sum + Number(row.pri) * (1 + Number(row.rep)), 0);
}

function describeNeed(budget: ShardBudget, config: SetupConfig): string {
  const shards = `${config.index.shards} shard${config.index.shards === 1 ? '' : 's'}`;
  const { hot, cold } = budget.copies;
  const coldIndices = budget.logIndices - budget.hotLogIndices;
  const logs =
    hot === cold || coldIndices === 0
      ? `${budget.logIndices} ${config.period} log indices kept × ${shards}${hot > 1 ? ` × ${hot} copies` : ''}`
      : `(${budget.hotLogIndices} hot ${config.period} log indices × ${hot} copies + ${coldIndices} cold × ${cold}) × ${shards}`;
  return (
    `${logs} = ${budget.logShards} shards, + ${budget.ownIndexShards} for synclog's own indices, ` +
    `+ ${budget.others} other shards already on the cluster = ${budget.needed + budget.others}`
  );
}

const describeCapacity = (budget: ShardBudget) =>
  `cluster.max_shards_per_node ${budget.maxShardsPerNode} × ${budget.dataNodes} data node${budget.dataNodes === 1 ? '' : 's'}`;

function capacityWarning(budget: ShardBudget): string {
  return (
    `shard budget: ${budget.needed + budget.others} of the cluster's ${budget.capacity} shards in the steady state ` +
    `(${budget.current} now) is past 90 %: every tenant's new indices are refused at the limit`
  );
}

function heapWarning(budget: ShardBudget): string {
  return (
    `shard budget: about ${Math.round(budget.shardsPerHeapGiB ?? 0)} shards per GiB of data-node heap, past the ~${SHARDS_PER_HEAP_GIB} ` +
    'a node stays healthy with: use a longer SYNCLOG_INDEX_PERIOD or fewer SYNCLOG_INDEX_SHARDS, or give the data nodes more heap'
  );
}
