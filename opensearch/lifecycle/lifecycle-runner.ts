import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { nodeTemperatures } from '../cluster/node-temperatures.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import { errorStatus } from '../shared/response-errors.ts';
import { takeArchiveSnapshot } from './archive-snapshot.ts';
import { holdsOn } from './legal-hold.ts';
import { gatherLifecycleFacts, type LifecycleFacts } from './lifecycle-facts.ts';
import { planIndex, type IndexFacts, type LifecycleAction } from './lifecycle-plan.ts';
import { lifecycleDueDates, type LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';
import { appendRetentionLog, type RetentionRecord } from './retention-log.ts';
import { parsePeriodBounds } from './period-bounds.ts';

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
    outcomes.push(...(await advance(deps, managed.facts, managed.docs, coldNodes, options.dryRun === true)));
  outcomes.push(...(await expireArchives(deps, gathered, options.dryRun === true)));
  return outcomes;
}

/** Cold, archive and delete can all be due at once (a back-filled old index): go on while steps succeed. */
async function advance(
  deps: LifecycleRunnerDeps,
  initial: IndexFacts,
  docs: number,
  coldNodes: boolean,
  dryRun: boolean,
): Promise<IndexOutcome[]> {
  const { client, policy } = deps;
  const { index, period } = initial;
  const repository = policy.archive_repository;
  const record = (
    step: RetentionRecord['step'],
    outcome: RetentionRecord['outcome'],
    extra: Partial<RetentionRecord> = {},
  ) =>
    appendRetentionLog(client, deps.names.retentionLog, {
      index,
      step,
      outcome,
      at: deps.now().toISOString(),
      by: deps.by,
      period_start: period.start.toISOString(),
      period_end: period.end.toISOString(),
      ...extra,
    });
  const outcomes: IndexOutcome[] = [];
  let facts = initial;
  for (let step = 0; step < 3; step++) {
    const action = planIndex(facts, policy, deps.now());
    if (action.kind === 'none') {
      if (step === 0)
        outcomes.push({
          index,
          action: 'none',
          outcome: 'waiting',
          ...(action.next ? { detail: `${action.next.step} from ${action.next.at.toISOString()}` } : {}),
        });
      break;
    }
    if (action.kind === 'blocked') {
      outcomes.push({ index, action: 'blocked', outcome: 'blocked', detail: action.reason });
      break;
    }
    if (dryRun) {
      outcomes.push({ index, action: action.kind, outcome: 'planned' });
      break;
    }
    try {
      if (action.kind === 'cold') {
        await makeCold(client, index, policy, coldNodes);
        await record('cold', 'done');
        facts = { ...facts, cold: true };
      } else if (action.kind === 'archive') {
        const snapshot = `${index}.archive.${deps.now().getTime()}`;
        await takeArchiveSnapshot(client, repository, snapshot, index);
        await record('archived', 'done', { snapshot, repository });
        facts = { ...facts, archive: { snapshot, verified: true } };
      } else {
        // Intent first, with what the proof needs; the proof itself once the index is gone.
        const proof = { doc_count: docs, snapshot: action.snapshot, repository };
        await record('deleting', 'done', proof);
        // Already gone (a pass cut short after sending the delete) is as good as deleted now.
        await client.indices.delete({ index }, { ignore: [404] });
        await record('deleted', 'done', proof);
      }
      outcomes.push({ index, action: action.kind, outcome: 'done' });
    } catch (error) {
      const message = describe(error);
      const failedStep = action.kind === 'archive' ? 'archived' : action.kind === 'delete' ? 'deleted' : 'cold';
      await record(failedStep, 'failed', { error: message }).catch(() => {});
      outcomes.push({ index, action: action.kind, outcome: 'failed', detail: message });
      break;
    }
    if (action.kind === 'delete') break;
  }
  return outcomes;
}

async function makeCold(
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

/** Deletes the archive snapshots of deleted indices once their own retention is over, unless held. */
async function expireArchives(
  deps: LifecycleRunnerDeps,
  gathered: LifecycleFacts,
  dryRun: boolean,
): Promise<IndexOutcome[]> {
  const { client, policy } = deps;
  const outcomes: IndexOutcome[] = [];
  const gone = new Set(
    gathered.log.filter((r) => r.step === 'snapshot-deleted' && r.outcome === 'done').map((r) => r.snapshot),
  );
  for (const proof of gathered.log.filter(
    (r) => r.step === 'deleted' && r.outcome === 'done' && r.snapshot && !gone.has(r.snapshot),
  )) {
    const period = parsePeriodBounds(proof);
    if (!period || deps.now() < lifecycleDueDates(period, policy).archiveDeleteAt) continue;
    if (holdsOn(gathered.holds, proof.index, period).length > 0) {
      outcomes.push({
        index: proof.index,
        action: 'blocked',
        outcome: 'blocked',
        detail: `archive ${proof.snapshot} is on legal hold`,
      });
      continue;
    }
    if (dryRun) {
      outcomes.push({ index: proof.index, action: 'delete-archive', outcome: 'planned', detail: proof.snapshot! });
      continue;
    }
    const base = {
      index: proof.index,
      at: deps.now().toISOString(),
      by: deps.by,
      period_start: proof.period_start,
      period_end: proof.period_end,
      snapshot: proof.snapshot,
      repository: proof.repository ?? policy.archive_repository,
    };
    try {
      await client.snapshot.delete({ repository: base.repository, snapshot: proof.snapshot! }, { ignore: [404] });
      await appendRetentionLog(client, deps.names.retentionLog, { ...base, step: 'snapshot-deleted', outcome: 'done' });
      outcomes.push({ index: proof.index, action: 'delete-archive', outcome: 'done', detail: proof.snapshot! });
    } catch (error) {
      await appendRetentionLog(client, deps.names.retentionLog, {
        ...base,
        step: 'snapshot-deleted',
        outcome: 'failed',
        error: describe(error),
      }).catch(() => {});
      outcomes.push({ index: proof.index, action: 'delete-archive', outcome: 'failed', detail: describe(error) });
    }
  }
  return outcomes;
}

function describe(error: unknown): string {
  const { status, type, reason } = errorStatus(error);
  return (status === undefined ? reason : `HTTP ${status}${type ? ` ${type}` : ''}: ${reason}`).slice(0, 2_000);
}
