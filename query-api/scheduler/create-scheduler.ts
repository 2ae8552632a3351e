import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import { createCronTriggers } from './cron-triggers.ts';
import { createDueRuns } from './due-runs.ts';
import { firstSeen } from './first-seen.ts';
import { createInFlightRuns } from './in-flight-runs.ts';
import { createLease } from './lease.ts';
import { createManualRuns, type ManualRunOutcome } from './manual-run.ts';
import { observeRuns } from './observe-runs.ts';
import { createRunClaims } from './run-claim.ts';
import { createRunExecutor } from './run-executor.ts';
import { runRecords } from './run-records.ts';
import type { ResolvedJob } from './scheduled-job.ts';
import type { SchedulerMetrics } from './scheduler-metrics.ts';
import { createSchedulerPass } from './scheduler-pass.ts';

export type { ManualRunOutcome };

export interface SchedulerOptions {
  /** This instance's name on leases and run records. */
  readonly instanceId: string;
  /** How long a lease lasts without renewal. Default 30 000 ms. */
  readonly leaseMs: number;
  /** How often the leader renews its lease, looks for due, failed and orphaned runs, and beats the heart of running ones. Default leaseMs / 3. */
  readonly heartbeatMs: number;
  /** A running record whose heartbeat is older than this belongs to a dead instance: the leader resumes it. Default leaseMs. */
  readonly staleMs: number;
  /** First retry of a failed run after this long, doubling per attempt up to retryMaxMs. Defaults 30 s and 10 min. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export interface SchedulerDeps {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  readonly clock: Clock;
  readonly metrics?: SchedulerMetrics;
  /** Service log lines (runs that fail, runs taken over). */
  readonly log?: (line: string) => void;
}

export interface Scheduler {
  readonly jobs: readonly ResolvedJob[];
  /**
   * One pass: renew or take the lease and, as leader, run every due period that has no run record
   * yet (oldest first, up to each job's catch-up count), retry failed runs whose time has come and
   * resume runs whose instance died. Resolves when the runs it started have finished.
   */
  tick(): Promise<void>;
  /** Runs one job now for a period (default: its latest), under the same once-only rule; no lease needed. */
  runNow(job: string, period?: Date): Promise<ManualRunOutcome>;
  /** node-cron fires a tick at each job's times, and a timer every heartbeatMs. Idempotent. */
  start(): void;
  /** Stops firing, waits for running handlers, gives up the lease. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The scheduler from its parts: the lease decides who leads, the pass finds due runs, claims take
 * them under `if_seq_no`, the executor runs them with a heartbeat and retries, the triggers fire passes.
 */
export function createScheduler(
  deps: SchedulerDeps,
  options: SchedulerOptions,
  jobs: readonly ResolvedJob[],
): Scheduler {
  const { client, names, clock, metrics } = deps;
  const log = deps.log ?? (() => {});
  const stopping = new AbortController();
  const stopped = stopping.signal;
  const runs = runRecords(client, names.schedulerRuns);
  const lease = createLease({
    client,
    index: names.schedulerLeases,
    holder: options.instanceId,
    clock,
    ttlMs: options.leaseMs,
  });
  const inFlight = createInFlightRuns();
  const claims = createRunClaims({ runs, clock, instanceId: options.instanceId, staleMs: options.staleMs, log });
  const executor = createRunExecutor({ runs, clock, metrics, log }, options);
  const firstSeenAt = (job: string, now: number) => firstSeen(client, names.schedulerLeases, job, now);
  const dueRuns = createDueRuns({
    runs,
    clock,
    claims,
    executor,
    lease,
    stopped,
    firstSeen: firstSeenAt,
    staleMs: options.staleMs,
    log,
  });
  const observe = () => observeRuns(runs, jobs, metrics, log);
  const pass = createSchedulerPass({ jobs, lease, dueRuns, inFlight, observe, metrics, stopped, log });
  const triggers = createCronTriggers({ jobs, clock, everyMs: options.heartbeatMs, tick: pass.tick, stopped, log });
  const manual = createManualRuns({ jobs, runs, clock, claims, executor, inFlight });

  return {
    jobs,
    tick: pass.tick,
    runNow: manual.runNow,
    start: triggers.start,
    async stop() {
      if (stopped.aborted) return;
      stopping.abort();
      await triggers.stop();
      await inFlight.settled();
      await lease.release().catch((error: Error) => log(`scheduler: cannot release the lease: ${error.message}`));
    },
  };
}
