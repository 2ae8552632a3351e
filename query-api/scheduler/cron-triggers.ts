import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { ResolvedJob } from './scheduled-job.ts';

/** What makes passes happen: node-cron at each enabled job's times, and a timer between them. */
export interface CronTriggers {
  /** Fires `tick` now, at every job's times and every `everyMs` after the previous timer tick ends. Idempotent. */
  start(): void;
  /** Stops firing. Abort `stopped` first, so a tick under way arms no further timer. */
  stop(): Promise<void>;
}

export interface CronTriggersDeps {
  readonly jobs: readonly ResolvedJob[];
  readonly clock: Clock;
  /** Between timer ticks: the lease renewal and heartbeat interval. */
  readonly everyMs: number;
  readonly tick: () => Promise<void>;
  readonly stopped: AbortSignal;
  readonly log: (line: string) => void;
}

export function createCronTriggers(deps: CronTriggersDeps): CronTriggers {
  const { clock, stopped, tick } = deps;
  let started = false;
  let tasks: ScheduledTask[] = [];
  let timer: unknown = null;
  // node-cron's own messages (a fire it missed while the process was paused, say) go to the
  // service log; catch-up runs the periods it missed.
  const logger = {
    info: () => {},
    debug: () => {},
    warn: (message: string) => deps.log(`scheduler: node-cron: ${message}`),
    error: (message: string | Error) => deps.log(`scheduler: node-cron: ${String(message)}`),
  };
  const every = () => {
    timer = clock.setTimeout(() => {
      void tick().finally(() => !stopped.aborted && every());
    }, deps.everyMs);
  };

  return {
    start() {
      if (started || stopped.aborted) return;
      started = true;
      tasks = deps.jobs
        .filter((job) => job.enabled)
        .map((job) =>
          cron.schedule(job.cron, () => void tick(), { timezone: job.timezone, name: `synclog:${job.name}`, logger }),
        );
      every();
      void tick();
    },
    async stop() {
      for (const task of tasks) await task.destroy();
      tasks = [];
      clock.clearTimeout(timer);
    },
  };
}
