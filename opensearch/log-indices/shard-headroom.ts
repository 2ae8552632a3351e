import type { OpenSearchClient } from '../client/create-client.ts';
import { readShardFacts } from '../capacity/read-shard-facts.ts';
import { hasShardHeadroom, SHARD_RESERVE_FRACTION, type ClusterShardFacts } from '../capacity/shard-budget.ts';
import type { IndexNames } from '../record/index-names.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import { errorStatus } from '../shared/response-errors.ts';

export interface ShardHeadroomOptions {
  /** Share of the cluster's shard capacity never taken by a new log index. Default 0.05. */
  readonly reserveFraction?: number;
  /** How long `cluster.max_shards_per_node` is believed. Default 60 000 ms. */
  readonly settingsTtlMs?: number;
  readonly now: () => number;
}

export type HeadroomVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'full'; readonly reason: string }
  /** The cluster did not answer: nothing can be judged (and nothing created) now. */
  | { readonly ok: false; readonly kind: 'unreachable'; readonly reason: string };

/**
 * Judges, before a log index is created, whether its shard copies fit the cluster's shard limit
 * with the reserve left free. Health is read each time (creations are rare: one per period); the
 * limit and synclog's own shard count per index are cached. A cluster that does not let this
 * producer read its health or settings is not judged here: its own limit still refuses at creation.
 */
export function createShardHeadroom(client: OpenSearchClient, names: IndexNames, options: ShardHeadroomOptions) {
  const reserve = options.reserveFraction ?? SHARD_RESERVE_FRACTION;
  const ttl = options.settingsTtlMs ?? 60_000;
  let limit: { maxShardsPerNode: number; readAt: number } | null = null;
  let layout: Promise<{ shards: number; replicas: number | null }> | null = null;

  async function facts(): Promise<ClusterShardFacts> {
    if (limit === null || options.now() - limit.readAt > ttl) {
      const read = await readShardFacts(client);
      limit = { maxShardsPerNode: read.maxShardsPerNode, readAt: options.now() };
      return read;
    }
    const { body } = await client.cluster.health({
      filter_path: 'active_shards,initializing_shards,unassigned_shards,number_of_data_nodes',
    } as never);
    const h = body as unknown as {
      active_shards?: number;
      initializing_shards?: number;
      unassigned_shards?: number;
      number_of_data_nodes?: number;
    };
    return {
      activeShards: (h.active_shards ?? 0) + (h.initializing_shards ?? 0),
      unassignedShards: h.unassigned_shards ?? 0,
      maxShardsPerNode: limit.maxShardsPerNode,
      dataNodes: h.number_of_data_nodes ?? 0,
    };
  }

  /** Shards and replicas setup gave the log indices (its metadata document); one primary, `0-1` replicas when unknown. */
  function indexLayout() {
    layout ??= readSetupMetadata(client, names.meta).then(
      (m) => ({ shards: m?.index.shards ?? 1, replicas: m?.index.replicas ?? null }),
      () => ({ shards: 1, replicas: null }),
    );
    return layout;
  }

  return {
    async check(index: string): Promise<HeadroomVerdict> {
      let cluster: ClusterShardFacts;
      try {
        cluster = await facts();
      } catch (error) {
        const { status, reason } = errorStatus(error);
        if (status === undefined || status >= 500)
          return { ok: false, kind: 'unreachable', reason: `cannot read shard use: ${reason}` };
        return { ok: true };
      }
      const { shards, replicas } = await indexLayout();
      const copies = shards * (1 + (replicas ?? Math.min(1, Math.max(0, cluster.dataNodes - 1))));
      if (hasShardHeadroom(cluster, copies, reserve)) return { ok: true };
      const used = cluster.activeShards + cluster.unassignedShards;
      const capacity = cluster.maxShardsPerNode * cluster.dataNodes;
      return {
        ok: false,
        kind: 'full',
        reason:
          `creating ${index} needs ${copies} shard(s); the cluster holds ${used} of ${capacity} ` +
          `(${cluster.maxShardsPerNode} per node × ${cluster.dataNodes} data node(s)) and its last ${Number((reserve * 100).toFixed(1))} % stay free`,
      };
    },
  };
}

export type ShardHeadroom = ReturnType<typeof createShardHeadroom>;
