import type { Clock } from '../../opensearch/shared/clock.ts';
import { duePeriods } from './due-periods.ts';
import type { Lease } from './lease.ts';
import type { RunClaims } from './run-claim.ts';
import type { RunExecutor } from './run-executor.ts';
import type { RunRecords, StoredRun } from './run-records.ts';
import { runIdOf, type ResolvedJob, type RunTrigger } from './scheduled-job.ts';

/** The leader's work for one job in one pass. */
export interface DueRuns {
  /**
   * Runs every due period of the job that has no run record yet (oldest first), then the retries
   * that are due and the runs orphaned by a dead instance. Never rejects: errors go to the log.
   */
  run(job: ResolvedJob): Promise<void>;
  /** Whether the job's previous `run` is still going (a slow handler outlasting a pass). */
  busy(job: string): boolean;
}

export interface DueRunsDeps {
  readonly runs: Pick<RunRecords, 'get' | 'needingAttention'>;
  readonly clock: Clock;
  readonly claims: Pick<RunClaims, 'claim'>;
  readonly executor: RunExecutor;
  readonly lease: Pick<Lease, 'isHeld'>;
  /** Aborted when the scheduler stops: no run starts after that. */
  readonly stopped: AbortSignal;
  /** When the job was first seen by any instance (ms); asked once per job and remembered. */
  readonly firstSeen: (job: string, now: number) => Promise<number>;
  /** A running record silent for longer than this belongs to a dead instance. */
  readonly staleMs: number;
  readonly log: (line: string) => void;
}

export function createDueRuns(deps: DueRunsDeps): DueRuns {
  const { runs, clock, claims, executor, lease, stopped, staleMs } = deps;
  const since = new Map<string, number>();
  const running = new Set<string>();
  // A leader paused past its lease finds out here, before it starts anything.
  const leading = () => !stopped.aborted && lease.isHeld();

  async function attempt(job: ResolvedJob, period: Date, existing: StoredRun | undefined, trigger: RunTrigger) {
    const claimed = await claims.claim(job, period, existing, trigger);
    if (claimed) await executor.execute(job, claimed);
  }

  /** False when leadership ended on the way. */
  async function scheduled(job: ResolvedJob): Promise<boolean> {
    const firstSeenAt = since.get(job.name) ?? (await deps.firstSeen(job.name, clock.now()));
    since.set(job.name, firstSeenAt);
    const periods = duePeriods(job, clock.now(), firstSeenAt);
    const stored = await runs.get(periods.map(({ period }) => runIdOf(job.name, period)));
    for (const { period, trigger } of periods) {
      if (!leading()) return false;
      await attempt(job, period, stored.get(runIdOf(job.name, period)), trigger);
    }
    return true;
  }

  /** Retries that are due and runs orphaned by a dead instance, also outside the catch-up window. */
  async function needingAttention(job: ResolvedJob): Promise<void> {
    const now = clock.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const run of await runs.needingAttention(job.name, iso(now), iso(now - staleMs))) {
      if (!leading()) return;
      await attempt(job, new Date(run.record.period), run, 'retry');
    }
  }

  return {
    async run(job) {
      running.add(job.name);
      try {
        if (await scheduled(job)) await needingAttention(job);
      } catch (error) {
        deps.log(`scheduler: ${job.name}: ${(error as Error).message}`);
      } finally {
        running.delete(job.name);
      }
    },
    busy: (job) => running.has(job),
  };
}
