import type { DueRuns } from './due-runs.ts';
import type { InFlightRuns } from './in-flight-runs.ts';
import type { Lease } from './lease.ts';
import type { ResolvedJob } from './scheduled-job.ts';
import type { SchedulerMetrics } from './scheduler-metrics.ts';

export interface SchedulerPass {
  /**
   * One pass: renew or take the lease, report what the run records say, and as leader run every
   * enabled job that is not still busy from an earlier pass. Overlapping calls share one pass.
   */
  tick(): Promise<void>;
}

export interface SchedulerPassDeps {
  readonly jobs: readonly ResolvedJob[];
  readonly lease: Pick<Lease, 'hold'>;
  readonly dueRuns: DueRuns;
  readonly inFlight: Pick<InFlightRuns, 'track'>;
  /** Reports the run records to the metrics; never rejects. */
  readonly observe: () => Promise<void>;
  readonly metrics?: Pick<SchedulerMetrics, 'leader'>;
  /** Aborted when the scheduler stops: a pass after that does nothing. */
  readonly stopped: AbortSignal;
  readonly log: (line: string) => void;
}

export function createSchedulerPass(deps: SchedulerPassDeps): SchedulerPass {
  const { jobs, lease, dueRuns, inFlight } = deps;
  let ticking: Promise<void> | null = null;
  let leading = false;

  async function pass(): Promise<void> {
    if (deps.stopped.aborted) return;
    let leader = false;
    try {
      leader = await lease.hold();
    } catch (error) {
      deps.log(`scheduler: cannot reach the lease: ${(error as Error).message}`);
    }
    deps.metrics?.leader(leader);
    // Operators (and whoever waits for a leader) see the moment leadership changes, once.
    if (leader !== leading) deps.log(leader ? 'scheduler: leading' : 'scheduler: no longer leading');
    leading = leader;
    await deps.observe();
    if (!leader) return;
    const idle = jobs.filter((job) => job.enabled && !dueRuns.busy(job.name));
    await Promise.all(idle.map((job) => inFlight.track(dueRuns.run(job))));
  }

  return {
    async tick() {
      // Overlapping ticks (a cron fire during the timer's tick) share one pass.
      ticking ??= pass().finally(() => (ticking = null));
      return ticking;
    },
  };
}
