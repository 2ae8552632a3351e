import type { JobContext, ResolvedJob } from './scheduled-job.ts';
import type { RunRecord, StoredRun } from './run-records.ts';

/** What a handler did: its value, or what it threw. */
export type HandlerOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Calls the job's handler for a claimed run; a throw becomes a value. */
export async function performRun(job: ResolvedJob, claimed: StoredRun, signal: AbortSignal): Promise<HandlerOutcome> {
  const { record } = claimed;
  const context: JobContext = {
    job: job.name,
    period: new Date(record.period),
    runId: claimed.id,
    attempt: record.attempts,
    trigger: record.trigger,
    signal,
  };
  try {
    return { ok: true, value: await job.handler(context) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** How long after failed attempt `attempt` (1-based) the next one starts: doubling from `baseMs`, at most `maxMs`. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}

/** The fields every finished attempt writes. */
export function finishedFields(began: number, now: number) {
  const at = new Date(now).toISOString();
  return { finished_at: at, duration_ms: Math.max(0, now - began), heartbeat_at: at };
}

/** A record without the traces of an earlier failed attempt. */
export function withoutRetry(record: RunRecord): RunRecord {
  const { next_attempt_at: _next, gave_up: _gaveUp, error: _error, ...rest } = record;
  return rest as RunRecord;
}

/** An error as one line for the run record and the log, at most 4 000 characters. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 4_000);
  return String(error).slice(0, 4_000);
}

/** A handler's result as plain JSON (it is stored, never indexed). */
export function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) ?? null;
  } catch {
    return String(value);
  }
}
