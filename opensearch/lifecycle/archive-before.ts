import { takeArchiveSnapshot } from './archive-snapshot.ts';
import { gatherLifecycleFacts } from './lifecycle-facts.ts';
import type { IndexOutcome, LifecycleRunnerDeps } from './lifecycle-runner.ts';
import { appendRetentionLog } from './retention-log.ts';

/**
 * `synclog retention archive --before <date>`: takes the archive snapshot now of every log index
 * whose period ended by `before` and has no verified archive yet, whatever its age.
 */
export async function archiveBefore(deps: LifecycleRunnerDeps, before: Date): Promise<IndexOutcome[]> {
  const { client, names, policy } = deps;
  const { indices } = await gatherLifecycleFacts(client, names, policy);
  const outcomes: IndexOutcome[] = [];
  for (const { facts } of indices) {
    if (facts.period.end > before || facts.archive?.verified) continue;
    const snapshot = `${facts.index}.archive.${deps.now().getTime()}`;
    const base = {
      index: facts.index,
      at: deps.now().toISOString(),
      by: deps.by,
      period_start: facts.period.start.toISOString(),
      period_end: facts.period.end.toISOString(),
      repository: policy.archive_repository,
    };
    try {
      await takeArchiveSnapshot(client, policy.archive_repository, snapshot, facts.index);
      await appendRetentionLog(client, names.retentionLog, { ...base, step: 'archived', outcome: 'done', snapshot });
      outcomes.push({ index: facts.index, action: 'archive', outcome: 'done', detail: snapshot });
    } catch (error) {
      const message = (error as Error).message;
      await appendRetentionLog(client, names.retentionLog, {
        ...base,
        step: 'archived',
        outcome: 'failed',
        error: message,
      }).catch(() => {});
      outcomes.push({ index: facts.index, action: 'archive', outcome: 'failed', detail: message });
    }
  }
  return outcomes;
}
