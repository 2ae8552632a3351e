import { z } from 'zod';
import { parsePeriodSuffix, periodOf, type IndexPeriod, type Period } from './index-period.ts';

/**
 * All of synclog's indices share one prefix. Only the managed log indices match `logsPattern`
 * (and so get the log template, the read alias and the lifecycle); every other index synclog
 * keeps has a name of its own that the pattern never matches.
 */
export const indexPrefixSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, 'lowercase letters, digits, "_" and "-", starting with a letter or digit')
  .refine((p) => !p.endsWith('-'), 'must not end with "-"');

export interface IndexNames {
  readonly prefix: string;
  /** Pattern of the managed, event-time log indices. */
  readonly logsPattern: string;
  /** Alias over every managed log index: what searches read. */
  readonly readAlias: string;
  readonly deadLetter: string;
  readonly meta: string;
  readonly accessLog: string;
  readonly reviews: string;
  /** One copy of each reviewed record, for the exact `reviewed` filter. */
  readonly reviewed: string;
  readonly exports: string;
  /** The built-in evaluator's state per alert. */
  readonly alertState: string;
  /** Alerts received from either executor, one document each. */
  readonly alerts: string;
  readonly alertEvents: string;
  readonly schedulerLeases: string;
  readonly schedulerRuns: string;
  readonly holds: string;
  readonly retentionLog: string;
  /** Producers' signed chain checkpoints (`opensearch/integrity/checkpoint.ts`). */
  readonly checkpoints: string;
  /** Which targets each scheduled report run reached. */
  readonly reportDeliveries: string;
  /** The console's sign-in sessions, one document per session (`_id` = SHA-256 of its id). */
  readonly sessions: string;
  /** Pattern of indices restored from archive snapshots; never under the read alias. */
  readonly restoredPattern: string;
  /** Name of the log index that holds records of this period. */
  logIndex(period: Period): string;
  logIndexFor(timestamp: Date | string | number, unit: IndexPeriod): string;
  /** The period of a managed log index, or `null` when the name is not a managed log index. */
  periodOfIndex(index: string): Period | null;
}

export function indexNames(prefix: string): IndexNames {
  const logsBase = `${prefix}-logs-`;
  return {
    prefix,
    logsPattern: `${logsBase}*`,
    readAlias: `${prefix}-logs`,
    deadLetter: `${prefix}-deadletter`,
    meta: `${prefix}-meta`,
    accessLog: `${prefix}-access`,
    reviews: `${prefix}-reviews`,
    reviewed: `${prefix}-reviewed`,
    exports: `${prefix}-exports`,
    alertState: `${prefix}-alert-state`,
    alerts: `${prefix}-alerts`,
    alertEvents: `${prefix}-alert-events`,
    schedulerLeases: `${prefix}-scheduler-leases`,
    schedulerRuns: `${prefix}-scheduler-runs`,
    holds: `${prefix}-holds`,
    retentionLog: `${prefix}-retention-log`,
    checkpoints: `${prefix}-checkpoints`,
    reportDeliveries: `${prefix}-report-deliveries`,
    sessions: `${prefix}-sessions`,
    restoredPattern: `${prefix}-restored-*`,
    logIndex: (period) => `${logsBase}${period.suffix}`,
    logIndexFor: (timestamp, unit) => `${logsBase}${periodOf(timestamp, unit).suffix}`,
    periodOfIndex: (index) => (index.startsWith(logsBase) ? parsePeriodSuffix(index.slice(logsBase.length)) : null),
  };
}
