import type { OpenSearchClient } from '../client/create-client.ts';
import type { ClusterShardFacts } from './shard-budget.ts';

/** OpenSearch's default `cluster.max_shards_per_node`, used when the setting cannot be read. */
const DEFAULT_MAX_SHARDS_PER_NODE = 1_000;

/** Shard use and the shard limit, from `_cluster/health` and `_cluster/settings` (two small requests). */
export async function readShardFacts(client: OpenSearchClient): Promise<ClusterShardFacts> {
  const [{ body: health }, { body: settings }] = await Promise.all([
    client.cluster.health({
      filter_path: 'active_shards,initializing_shards,unassigned_shards,number_of_data_nodes',
    } as never),
    client.cluster.getSettings({ include_defaults: true, filter_path: '*.cluster.max_shards_per_node' } as never),
  ]);
  const h = health as unknown as {
    active_shards?: number;
    initializing_shards?: number;
    unassigned_shards?: number;
    number_of_data_nodes?: number;
  };
  return {
    // Initializing copies are neither active nor unassigned in the health report, yet hold a slot.
    activeShards: (h.active_shards ?? 0) + (h.initializing_shards ?? 0),
    unassignedShards: h.unassigned_shards ?? 0,
    maxShardsPerNode: maxShardsPerNode(settings as unknown as SettingsLayers),
    dataNodes: h.number_of_data_nodes ?? 0,
  };
}

type SettingsLayers = Partial<
  Record<'transient' | 'persistent' | 'defaults', { cluster?: { max_shards_per_node?: string } }>
>;

/** The effective value: a transient setting wins over a persistent one, which wins over the default. */
function maxShardsPerNode(layers: SettingsLayers): number {
  const value = Number(
    layers.transient?.cluster?.max_shards_per_node ??
      layers.persistent?.cluster?.max_shards_per_node ??
      layers.defaults?.cluster?.max_shards_per_node,
  );
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_SHARDS_PER_NODE;
}

/** JVM heap summed over the data nodes (`_nodes/data:true/stats/jvm`); 0 when the cluster does not say. */
export async function readDataNodeHeapBytes(client: OpenSearchClient): Promise<number> {
  const { body } = await client.nodes.stats({
    node_id: 'data:true',
    metric: 'jvm',
    filter_path: 'nodes.*.jvm.mem.heap_max_in_bytes',
  } as never);
  const nodes =
    (body as unknown as { nodes?: Record<string, { jvm?: { mem?: { heap_max_in_bytes?: number } } }> }).nodes ?? {};
  return Object.values(nodes).reduce((sum, node) => sum + (node.jvm?.mem?.heap_max_in_bytes ?? 0), 0);
}
