import { lifecycleDueDates } from '../lifecycle-policy/lifecycle-policy.ts';
import { holdsOn } from './legal-hold.ts';
import type { LifecycleFacts } from './lifecycle-facts.ts';
import type { IndexOutcome, LifecycleRunnerDeps } from './lifecycle-runner.ts';
import { parsePeriodBounds } from './period-bounds.ts';
import { appendRetentionLog } from './retention-log.ts';
import { describeStepFailure } from './step-failure.ts';

/** Deletes the archive snapshots of deleted indices once their own retention is over, unless held. */
export async function expireArchives(
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
        error: describeStepFailure(error),
      }).catch(() => {});
      outcomes.push({
        index: proof.index,
        action: 'delete-archive',
        outcome: 'failed',
        detail: describeStepFailure(error),
      });
    }
  }
  return outcomes;
}
