import { DEFAULT_CLOCK_SKEW_MS, type EventWindowOptions } from '../../opensearch/record/event-window.ts';
import type { IndexPeriod } from '../../opensearch/record/index-period.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';

/** What a record is judged against when it is logged: the event window and the declared vocabularies. */
export interface RecordRules {
  readonly window: EventWindowOptions;
  readonly operationTypes: ReadonlySet<string>;
  readonly statuses: ReadonlySet<string>;
}

export interface RecordRulesOptions {
  readonly retentionDays: number;
  readonly clockSkewMs: number;
  readonly indexPeriod: IndexPeriod;
  readonly operationTypes: readonly string[];
  readonly statuses: readonly string[];
}

export function recordRules(options: RecordRulesOptions): RecordRules {
  return {
    window: { deleteDays: options.retentionDays, clockSkewMs: options.clockSkewMs, period: options.indexPeriod },
    operationTypes: new Set(options.operationTypes),
    statuses: new Set(options.statuses),
  };
}

/** The shipper's defaults: 2 years kept, 5 minutes of clock skew, monthly indices, the story's vocabularies. */
export const DEFAULT_RECORD_RULES: RecordRules = recordRules({
  retentionDays: 730,
  clockSkewMs: DEFAULT_CLOCK_SKEW_MS,
  indexPeriod: 'month',
  operationTypes: OPERATION_TYPES,
  statuses: STATUSES,
});
