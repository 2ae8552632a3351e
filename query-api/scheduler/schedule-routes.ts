import { Hono } from 'hono';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { scheduleStatus } from './schedule-status.ts';
import type { ResolvedJob } from './scheduled-job.ts';

/** `GET /schedule` (admin): jobs, next and last runs, failures, current leader. */
export function scheduleRoutes(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  jobs: readonly ResolvedJob[];
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return new Hono().get('/schedule', async (c) =>
    c.json(await scheduleStatus(deps.client, deps.names, deps.jobs, now())),
  );
}
