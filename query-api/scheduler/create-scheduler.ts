import cron, { type ScheduledTask } from 'node-cron';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import { latestFires } from './cron-periods.ts';
import { firstSeen } from './first-seen.ts';
import { createLease, type Lease } from './lease.ts';
import { runRecords, type RunRecord, type StoredRun } from './run-records.ts';
import { runIdOf, type ResolvedJob, type RunTrigger } from './scheduled-job.ts';
import type { SchedulerMetrics } from './scheduler-metrics.ts';

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

export type ManualRunOutcome =
  | { readonly ran: true; readonly record: RunRecord }
  | { readonly ran: false; readonly reason: string; readonly record?: RunRecord };

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

export function createScheduler(
  deps: SchedulerDeps,
  options: SchedulerOptions,
  jobs: readonly ResolvedJob[],
): Scheduler {
  const { client, names, clock } = deps;
  const log = deps.log ?? (() => {});
  const runs = runRecords(client, names.schedulerRuns);
  const lease: Lease = createLease({
    client,
    index: names.schedulerLeases,
    holder: options.instanceId,
    clock,
    ttlMs: options.leaseMs,
  });
  const since = new Map<string, number>();
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  let tasks: ScheduledTask[] = [];
  let timer: unknown = null;
  let stopped = false;
  let ticking: Promise<void> | null = null;

  const iso = (ms: number) => new Date(ms).toISOString();
  // node-cron's own messages (a fire it missed while the process was paused, say) go to the
  // service log; catch-up runs the periods it missed.
  const cronLogger = {
    info: () => {},
    debug: () => {},
    warn: (message: string) => log(`scheduler: node-cron: ${message}`),
    error: (message: string | Error) => log(`scheduler: node-cron: ${String(message)}`),
  };
  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  };

  async function tick(): Promise<void> {
    // Overlapping ticks (a cron fire during the timer's tick) share one pass.
    ticking ??= pass().finally(() => (ticking = null));
    return ticking;
  }

  async function pass(): Promise<void> {
    if (stopped) return;
    let leader = false;
    try {
      leader = await lease.hold();
    } catch (error) {
      log(`scheduler: cannot reach the lease: ${(error as Error).message}`);
    }
    deps.metrics?.leader(leader);
    await observe();
    if (!leader) return;
    await Promise.all(jobs.filter((job) => job.enabled && !busy.has(job.name)).map((job) => track(runDue(job))));
  }

  /** Every instance, leader or not, reports each job's last success and failed runs from the run records. */
  async function observe(): Promise<void> {
    const metrics = deps.metrics;
    if (!metrics) return;
    try {
      for (const job of jobs) {
        const [[success], failures] = await Promise.all([
          runs.latest(job.name, 1, 'succeeded'),
          runs.failures(job.name),
        ]);
        metrics.observed(job.name, success?.finished_at ? Date.parse(success.finished_at) : null, failures.gaveUp);
      }
    } catch (error) {
      log(`scheduler: cannot read run records for metrics: ${(error as Error).message}`);
    }
  }

  async function runDue(job: ResolvedJob): Promise<void> {
    busy.add(job.name);
    try {
      const firstSeenAt =
        since.get(job.name) ?? (await firstSeen(client, names.schedulerLeases, job.name, clock.now()));
      since.set(job.name, firstSeenAt);
      const periods = latestFires(job.cron, job.timezone, new Date(clock.now()), job.catchUp).filter(
        (p) => p.getTime() >= firstSeenAt,
      );
      const stored = await runs.get(periods.map((p) => runIdOf(job.name, p)));
      for (const [i, period] of periods.entries()) {
        // A leader paused past its lease finds out here, before it starts anything.
        if (stopped || !lease.isHeld()) return;
        const claimed = await claim(
          job,
          period,
          stored.get(runIdOf(job.name, period)),
          i === periods.length - 1 ? 'schedule' : 'catch-up',
        );
        if (claimed) await execute(job, claimed);
      }
      // Retries that are due and runs orphaned by a dead instance, also outside the catch-up window.
      const now = clock.now();
      for (const run of await runs.needingAttention(job.name, iso(now), iso(now - options.staleMs))) {
        if (stopped || !lease.isHeld()) return;
        const claimed = await claim(job, new Date(run.record.period), run, 'retry');
        if (claimed) await execute(job, claimed);
      }
    } catch (error) {
      log(`scheduler: ${job.name}: ${(error as Error).message}`);
    } finally {
      busy.delete(job.name);
    }
  }

  /** Takes the run for this period if it is this instance's to run; `null` when it is not. */
  async function claim(
    job: ResolvedJob,
    period: Date,
    existing: StoredRun | undefined,
    trigger: RunTrigger,
  ): Promise<StoredRun | null> {
    const now = clock.now();
    const id = runIdOf(job.name, period);
    if (!existing) return runs.create(id, started(job, period, trigger, 1, now));
    const { record } = existing;
    if (record.state === 'running' && now - Date.parse(record.heartbeat_at) > options.staleMs) {
      log(`scheduler: ${id}: resuming the run of ${record.instance}, silent since ${record.heartbeat_at}`);
      return runs.replace(existing, {
        ...started(job, period, 'resume', record.attempts + 1, now),
        created_at: record.created_at,
      });
    }
    const retryDue =
      record.state === 'failed' &&
      !record.gave_up &&
      record.next_attempt_at !== undefined &&
      Date.parse(record.next_attempt_at) <= now;
    if (retryDue && record.attempts < job.maxAttempts) {
      return runs.replace(existing, {
        ...started(job, period, 'retry', record.attempts + 1, now),
        created_at: record.created_at,
      });
    }
    return null;
  }

  function started(job: ResolvedJob, period: Date, trigger: RunTrigger, attempts: number, now: number): RunRecord {
    return {
      job: job.name,
      period: period.toISOString(),
      state: 'running',
      trigger,
      attempts,
      instance: options.instanceId,
      created_at: iso(now),
      started_at: iso(now),
      heartbeat_at: iso(now),
    };
  }

  /** Runs the handler with a heartbeat on its record, then records the outcome, all under if_seq_no. */
  async function execute(job: ResolvedJob, claimed: StoredRun): Promise<void> {
    let current: StoredRun | null = claimed;
    const controller = new AbortController();
    let writes = Promise.resolve();
    const update = (change: (record: RunRecord) => RunRecord) =>
      (writes = writes.then(async () => {
        if (!current) return;
        const next = await runs.replace(current, change(current.record)).catch((error: Error) => {
          log(`scheduler: ${claimed.id}: cannot update the run record: ${error.message}`);
          return current;
        });
        if (next === null) {
          log(`scheduler: ${claimed.id}: another instance took this run over; its outcome here is not recorded`);
          controller.abort();
        }
        current = next;
      }));
    let beat: unknown = null;
    const heartbeat = () => {
      beat = clock.setTimeout(() => {
        void update((record) => ({ ...record, heartbeat_at: iso(clock.now()) })).then(
          () => current && !controller.signal.aborted && beat !== null && heartbeat(),
        );
      }, options.heartbeatMs);
    };
    heartbeat();

    const began = clock.now();
    const { record } = claimed;
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const value = await job.handler({
        job: job.name,
        period: new Date(record.period),
        runId: claimed.id,
        attempt: record.attempts,
        trigger: record.trigger,
        signal: controller.signal,
      });
      outcome = { ok: true, value };
    } catch (error) {
      outcome = { ok: false, error };
    }
    clock.clearTimeout(beat);
    beat = null;
    const now = clock.now();
    const finished = { finished_at: iso(now), duration_ms: Math.max(0, now - began), heartbeat_at: iso(now) };
    if (outcome.ok) {
      const value = outcome.value;
      await update((r) => ({
        ...withoutRetry(r),
        ...finished,
        state: 'succeeded',
        result: { value: value === undefined ? null : jsonSafe(value) },
      }));
      if (current) deps.metrics?.finished(job.name, 'succeeded', false, now);
      return;
    }
    const message = describe(outcome.error);
    const gaveUp = record.attempts >= job.maxAttempts;
    const nextAttempt = now + Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** (record.attempts - 1));
    await update((r) => ({
      ...withoutRetry(r),
      ...finished,
      state: 'failed',
      error: message,
      ...(gaveUp ? { gave_up: true } : { next_attempt_at: iso(nextAttempt) }),
    }));
    log(
      `scheduler: ${claimed.id} failed (attempt ${record.attempts} of ${job.maxAttempts}${gaveUp ? ', giving up' : `, next at ${iso(nextAttempt)}`}): ${message}`,
    );
    if (current) deps.metrics?.finished(job.name, 'failed', gaveUp, now);
  }

  async function runNow(name: string, period?: Date): Promise<ManualRunOutcome> {
    const job = jobs.find((j) => j.name === name);
    if (!job)
      return { ran: false, reason: `no job named "${name}" (jobs: ${jobs.map((j) => j.name).join(', ') || 'none'})` };
    const now = clock.now();
    const target = period ?? latestFires(job.cron, job.timezone, new Date(now), 1)[0]!;
    const fire = latestFires(job.cron, job.timezone, target, 1)[0]!;
    if (fire.getTime() !== target.getTime()) {
      return {
        ran: false,
        reason: `${target.toISOString()} is not a period of ${job.name} ("${job.cron}" in ${job.timezone}); the one before it is ${fire.toISOString()}`,
      };
    }
    const id = runIdOf(job.name, target);
    const existing = (await runs.get([id])).get(id);
    let claimed: StoredRun | null;
    if (!existing) claimed = await runs.create(id, started(job, target, 'manual', 1, now));
    else if (existing.record.state === 'failed') {
      claimed = await runs.replace(existing, {
        ...started(job, target, 'manual', existing.record.attempts + 1, now),
        created_at: existing.record.created_at,
      });
    } else {
      const { record } = existing;
      const reason =
        record.state === 'succeeded'
          ? `already succeeded (${record.finished_at}, ${record.instance})`
          : `running on ${record.instance} since ${record.started_at}`;
      return { ran: false, reason: `${id} ${reason}`, record };
    }
    if (!claimed) return { ran: false, reason: `${id} was taken by another instance a moment ago` };
    await track(execute(job, claimed));
    const after = (await runs.get([id])).get(id);
    return after ? { ran: true, record: after.record } : { ran: false, reason: `${id} disappeared` };
  }

  return {
    jobs,
    tick,
    runNow,
    start() {
      if (tasks.length > 0 || stopped) return;
      tasks = jobs
        .filter((job) => job.enabled)
        .map((job) =>
          cron.schedule(job.cron, () => void tick(), {
            timezone: job.timezone,
            name: `synclog:${job.name}`,
            logger: cronLogger,
          }),
        );
      const every = () => {
        timer = clock.setTimeout(() => {
          void tick().finally(() => !stopped && every());
        }, options.heartbeatMs);
      };
      every();
      void tick();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const task of tasks) await task.destroy();
      tasks = [];
      clock.clearTimeout(timer);
      await Promise.allSettled([...running]);
      await lease.release().catch((error: Error) => log(`scheduler: cannot release the lease: ${error.message}`));
    },
  };
}

function withoutRetry(record: RunRecord): RunRecord {
  const { next_attempt_at: _next, gave_up: _gaveUp, error: _error, ...rest } = record;
  return rest as RunRecord;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 4_000);
  return String(error).slice(0, 4_000);
}

/** A handler's result as plain JSON (it is stored, never indexed). */
function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) ?? null;
  } catch {
    return String(value);
  }
}
