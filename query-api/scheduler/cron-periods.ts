import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';

/**
 * A job's periods are its cron fire times: the run for 06:00 is the run of the period that starts
 * then. node-cron triggers the runs; the fire times themselves (past ones for catch-up, the next
 * one for status) come from cron-parser, which can walk a schedule both ways in any time zone.
 */

/** Why an expression is unusable, or `null`: both libraries must read it. */
export function cronProblem(expression: string, timezone: string): string | null {
  if (!cron.validate(expression)) return `"${expression}" is not a valid cron expression`;
  try {
    CronExpressionParser.parse(expression, { tz: timezone, strict: false }).next();
    return null;
  } catch (error) {
    return `"${expression}" in ${timezone}: ${(error as Error).message}`;
  }
}

/** The last `count` fire times at or before `now`, oldest first. */
export function latestFires(expression: string, timezone: string, now: Date, count: number): Date[] {
  // `prev()` excludes its starting instant; a millisecond later includes a fire at exactly `now`.
  const times = CronExpressionParser.parse(expression, { currentDate: new Date(now.getTime() + 1), tz: timezone });
  const fires: Date[] = [];
  for (let i = 0; i < count; i++) fires.push(times.prev().toDate());
  return fires.reverse();
}

/** The first fire time after `now`. */
export function nextFire(expression: string, timezone: string, now: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: now, tz: timezone }).next().toDate();
}
