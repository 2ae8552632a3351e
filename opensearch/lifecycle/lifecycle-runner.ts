import type { OpenSearchClient } from '../client/create-client.ts';
import { nodeTemperatures } from '../cluster/node-temperatures.ts';
import type { LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import type { IndexNames } from '../record/index-names.ts';
import { advanceIndex } from './advance-index.ts';
import { expireArchives } from './expire-archives.ts';
import { gatherLifecycleFacts, type LifecycleFacts } from './lifecycle-facts.ts';
import type { LifecycleAction } from './lifecycle-plan.ts';
import { appendRetentionLog } from './retention-log.ts';

export interface LifecycleRunnerDeps {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  readonly policy: LifecyclePolicy;
  /** The time the pass judges ages by (injected in tests). */
  readonly now: () => Date;
  /** Who acts, as the retention log records it (the scheduler's run id, or `cli:<user>`). */
  readonly by: string;
}

export interface IndexOutcome {
  readonly index: string;
  readonly action: LifecycleAction['kind'] | 'delete-archive';
  readonly outcome: 'done' | 'failed' | 'blocked' | 'waiting' | 'planned';
  readonly detail?: string;
}

/**
 * One pass of the built-in lifecycle runner over every log index: each index gets the steps that
 * are due (cold, then archive, then delete), then archives past their own retention are deleted;
 * every step is recorded in the retention log. Every step is idempotent, so a pass cut short
 * anywhere is finished by the next one. It does nothing where ISM is the retention executor, and
 * with `dryRun` it only reports what it would do.
 */
export async function runLifecyclePass(
  deps: LifecycleRunnerDeps,
  options: { dryRun?: boolean } = {},
): Promise<IndexOutcome[]> {
  const { client, names, policy } = deps;
  const metadata = await readSetupMetadata(client, names.meta);
  if (metadata?.executors.retention === 'ism') return [];
  const gathered = await gatherLifecycleFacts(client, names, policy);
  if (!options.dryRun) await completeDeletions(deps, gathered);
  const coldNodes = (await nodeTemperatures(client)).has('cold');
  const outcomes: IndexOutcome[] = [];
  for (const managed of gathered.indices)
    outcomes.push(...(await advanceIndex(deps, managed.facts, managed.docs, coldNodes, options.dryRun === true)));
  outcomes.push(...(await expireArchives(deps, gathered, options.dryRun === true)));
  return outcomes;
}

/** A pass cut short between deleting an index and recording its proof: the proof is written now. */
async function completeDeletions(deps: LifecycleRunnerDeps, gathered: LifecycleFacts): Promise<void> {
  const deleted = new Set(gathered.log.filter((r) => r.step === 'deleted' && r.outcome === 'done').map((r) => r.index));
  const existing = new Set(gathered.indices.map((m) => m.facts.index));
  for (const intent of gathered.log.filter(
    (r) => r.step === 'deleting' && !deleted.has(r.index) && !existing.has(r.index),
  )) {
    await appendRetentionLog(deps.client, deps.names.retentionLog, {
      ...intent,
      step: 'deleted',
      at: deps.now().toISOString(),
    });
  }
}
