import type { IndexPeriod } from '../record/index-period.ts';
import { minimumIndexAgeDays, type LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';

/**
 * Where the policy runs under ISM: a self-managed cluster moves cold indices to `temp=cold` nodes
 * by allocation; Amazon OpenSearch Service has no custom node attributes and moves them to
 * UltraWarm with `warm_migration` instead.
 */
export type IsmTarget = 'self-managed' | 'aws';

export interface IsmRenderOptions {
  readonly target: IsmTarget;
  /** The event-time period of one log index: ISM counts age from creation (the period's start), so a period is added. */
  readonly unit: IndexPeriod;
  /** The log indices the policy attaches to (`<prefix>-logs-*`). */
  readonly indexPattern: string;
  /** Self-managed only: whether the cluster has `temp=cold` nodes to allocate to. */
  readonly coldNodes: boolean;
}

/**
 * The lifecycle policy as an ISM policy (`PUT _plugins/_ism/policies/<id>` body): hot → cold →
 * archived (snapshot) → deleted, every age a minimum counted like the built-in runner's. ISM
 * cannot do three things the runner does: legal holds, a proof-of-deletion record, and refusing
 * to delete an index whose archive snapshot is missing.
 */
export function renderIsmPolicy(
  policy: LifecyclePolicy,
  options: IsmRenderOptions,
): { policy: Record<string, unknown> } {
  const coldAge = `${minimumIndexAgeDays(policy.hot_days, options.unit)}d`;
  const deleteAge = `${minimumIndexAgeDays(policy.delete_days, options.unit)}d`;
  const { cold } = policy;
  const coldActions =
    options.target === 'aws'
      ? [{ force_merge: { max_num_segments: cold.force_merge_segments } }, { warm_migration: {} }]
      : [
          { read_only: {} },
          { force_merge: { max_num_segments: cold.force_merge_segments } },
          { replica_count: { number_of_replicas: cold.replicas } },
          { index_priority: { priority: cold.priority } },
          ...(options.coldNodes ? [{ allocation: { require: { temp: 'cold' }, wait_for: true } }] : []),
        ];
  return {
    policy: {
      description: `synclog retention: hot ${policy.hot_days} d, then cold, archived to ${policy.archive_repository}, deleted after ${policy.delete_days} d (ages from the end of each ${options.unit})`,
      default_state: 'hot',
      states: [
        { name: 'hot', actions: [], transitions: [{ state_name: 'cold', conditions: { min_index_age: coldAge } }] },
        { name: 'cold', actions: coldActions, transitions: [{ state_name: 'archived' }] },
        {
          name: 'archived',
          actions: [{ snapshot: { repository: policy.archive_repository, snapshot: 'synclog-archive' } }],
          transitions: [{ state_name: 'deleted', conditions: { min_index_age: deleteAge } }],
        },
        { name: 'deleted', actions: [{ delete: {} }], transitions: [] },
      ],
      ism_template: { index_patterns: [options.indexPattern], priority: 100 },
    },
  };
}
