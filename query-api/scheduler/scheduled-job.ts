/** What a handler is told about the run it performs. */
export interface JobContext {
  readonly job: string;
  /** The period: the fire time this run stands for (a catch-up run gets a past one). */
  readonly period: Date;
  readonly runId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly trigger: RunTrigger;
  /** Aborted when another instance took the run over (this one was paused past its heartbeat). */
  readonly signal: AbortSignal;
}

export type RunTrigger = 'schedule' | 'catch-up' | 'retry' | 'resume' | 'manual';

/** A job as a feature registers it; configuration may override its schedule. */
export interface ScheduledJob {
  readonly name: string;
  /** node-cron syntax: five fields, or six with seconds first. */
  readonly cron: string;
  /** IANA time zone the expression is read in. Default: the scheduler's (`SYNCLOG_SCHEDULER_TIMEZONE`). */
  readonly timezone?: string;
  /** Default true. */
  readonly enabled?: boolean;
  /** Missed periods run after downtime, newest `catchUp` of them at most. Default 1: only the latest. */
  readonly catchUp?: number;
  /** Attempts before a failed run stays failed. Default 3. */
  readonly maxAttempts?: number;
  /** Its return value is kept on the run record (as `result.value`). */
  handler(context: JobContext): unknown;
}

/** A job with every default filled in. */
export interface ResolvedJob extends Required<Omit<ScheduledJob, 'handler'>> {
  handler(context: JobContext): unknown;
}

/** `<job>@<period ISO>`: one run record per job and period, whoever creates it. */
export const runIdOf = (job: string, period: Date) => `${job}@${period.toISOString()}`;
