import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { schedulerHousekeepingJob } from './housekeeping-job.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Every job the service schedules: the one list the service, `synclog schedule` and `GET /schedule` share. */
export function serviceJobs(deps: { client: OpenSearchClient; names: IndexNames }): ScheduledJob[] {
  return [schedulerHousekeepingJob(deps.client, deps.names)];
}
