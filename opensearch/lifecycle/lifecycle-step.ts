import type { OpenSearchClient } from '../client/create-client.ts';
import type { LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';
import { takeArchiveSnapshot } from './archive-snapshot.ts';
import type { IndexFacts, LifecycleAction } from './lifecycle-plan.ts';
import type { LifecycleRunnerDeps } from './lifecycle-runner.ts';
import { appendRetentionLog, type RetentionRecord } from './retention-log.ts';

/** A step the plan asks for, as opposed to waiting or being blocked. */
export type DueStep = Extract<LifecycleAction, { kind: 'cold' | 'archive' | 'delete' }>;

/** Writes one retention-log record about one index, stamped with who acts, when, and the index's period. */
export type StepRecorder = (
  step: RetentionRecord['step'],
  outcome: RetentionRecord['outcome'],
  extra?: Partial<RetentionRecord>,
) => Promise<void>;

export function stepRecorder(deps: LifecycleRunnerDeps, facts: IndexFacts): StepRecorder {
  const { index, period } = facts;
  return (step, outcome, extra = {}) =>
    appendRetentionLog(deps.client, deps.names.retentionLog, {
      index,
      step,
      outcome,
      at: deps.now().toISOString(),
      by: deps.by,
      period_start: period.start.toISOString(),
      period_end: period.end.toISOString(),
      ...extra,
    });
}

/** The retention-log step a failed action is recorded under. */
export const failedStepOf = (action: DueStep): RetentionRecord['step'] =>
  action.kind === 'archive' ? 'archived' : action.kind === 'delete' ? 'deleted' : 'cold';

/**
 * Executes one due step on one index and records it as done; returns the index's facts after it.
 * Throws what the cluster answered: the caller records the failure.
 */
export async function executeStep(
  deps: LifecycleRunnerDeps,
  action: DueStep,
  facts: IndexFacts,
  docs: number,
  coldNodes: boolean,
  record: StepRecorder,
): Promise<IndexFacts> {
  const { client, policy } = deps;
  const { index } = facts;
  const repository = policy.archive_repository;
  if (action.kind === 'cold') {
    await makeCold(client, index, policy, coldNodes);
    await record('cold', 'done');
    return { ...facts, cold: true };
  }
  if (action.kind === 'archive') {
    const snapshot = `${index}.archive.${deps.now().getTime()}`;
    await takeArchiveSnapshot(client, repository, snapshot, index);
    await record('archived', 'done', { snapshot, repository });
    return { ...facts, archive: { snapshot, verified: true } };
  }
  // Intent first, with what the proof needs; the proof itself once the index is gone.
  const proof = { doc_count: docs, snapshot: action.snapshot, repository };
  await record('deleting', 'done', proof);
  // Already gone (a pass cut short after sending the delete) is as good as deleted now.
  await client.indices.delete({ index }, { ignore: [404] });
  await record('deleted', 'done', proof);
  return facts;
}

/** The cold step on one index: read-only, its cold replicas and priority, on `temp=cold` nodes when there are any, merged. */
export async function makeCold(
  client: OpenSearchClient,
  index: string,
  policy: LifecyclePolicy,
  coldNodes: boolean,
): Promise<void> {
  await client.indices.putSettings({
    index,
    body: {
      index: {
        auto_expand_replicas: false,
        number_of_replicas: policy.cold.replicas,
        priority: policy.cold.priority,
        'blocks.write': true,
        ...(coldNodes ? { 'routing.allocation.require.temp': 'cold' } : {}),
      },
    },
  } as never);
  await client.indices.forcemerge({ index, max_num_segments: policy.cold.force_merge_segments } as never, {
    requestTimeout: 3_600_000,
  });
}
