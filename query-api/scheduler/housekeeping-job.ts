import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { ScheduledJob } from './scheduled-job.ts';

const DAY_MS = 86_400_000;

/** Daily: deletes run records of periods older than `keepDays` (default 400), so the run index stays small. */
export function schedulerHousekeepingJob(client: OpenSearchClient, names: IndexNames, keepDays = 400): ScheduledJob {
  return {
    name: 'scheduler-housekeeping',
    cron: '17 3 * * *',
    async handler({ period }) {
      const before = new Date(period.getTime() - keepDays * DAY_MS).toISOString();
      const { body } = await client.deleteByQuery({
        index: names.schedulerRuns,
        refresh: true,
        body: { query: { range: { period: { lt: before } } } },
      } as never);
      return { deleted: (body as { deleted?: number }).deleted ?? 0, before };
    },
  };
}
