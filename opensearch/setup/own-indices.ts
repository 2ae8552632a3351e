import { checkpointsMapping } from '../integrity/checkpoint.ts';
import { deadLetterMapping } from '../record/dead-letter.ts';
import type { IndexNames } from '../record/index-names.ts';
import { accessLogIndexBody, exportsIndexBody } from './access-log-index.ts';
import { alertEventsIndexBody, alertsIndexBody, alertStateIndexBody } from './alert-indices.ts';
import type { IndexBody } from './ensure-index.ts';
import { reportDeliveriesIndexBody } from './report-indices.ts';
import { holdsIndexBody, retentionLogIndexBody } from './retention-indices.ts';
import { reviewedIndexBody, reviewsIndexBody } from './review-indices.ts';
import { schedulerRunsIndexBody, schedulerStateIndexBody } from './scheduler-indices.ts';
import { sessionsIndexBody } from './sessions-index.ts';
import { metaIndexBody } from './setup-metadata.ts';

/**
 * synclog's own indices, each with a mapping of its own: one primary shard each, replicas
 * `0-1` (see `ensureIndex`). Setup creates them and the shard budget counts them.
 */
export function ownIndices(names: IndexNames): ReadonlyArray<readonly [string, IndexBody]> {
  return [
    [names.deadLetter, { mappings: deadLetterMapping() }],
    [names.meta, metaIndexBody],
    [names.schedulerLeases, schedulerStateIndexBody],
    [names.schedulerRuns, schedulerRunsIndexBody],
    [names.retentionLog, retentionLogIndexBody],
    [names.holds, holdsIndexBody],
    [names.accessLog, accessLogIndexBody],
    [names.exports, exportsIndexBody],
    [names.reviews, reviewsIndexBody],
    [names.reviewed, reviewedIndexBody],
    [names.reportDeliveries, reportDeliveriesIndexBody],
    [names.alertState, alertStateIndexBody],
    [names.alerts, alertsIndexBody],
    [names.alertEvents, alertEventsIndexBody],
    [names.sessions, sessionsIndexBody],
    [names.checkpoints, { mappings: checkpointsMapping }],
  ];
}
