import { Hono } from 'hono';
import { z } from 'zod';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { callerOfRequest } from '../auth/require-role.ts';
import { recordAccess } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { jsonBody } from '../http/json-body.ts';
import { queryParams } from '../http/query-params.ts';
import { badRequest, invalidInput } from '../http/request-errors.ts';
import { exportQuerySchema } from '../logs/logs-query-schema.ts';
import { logsFilter } from '../logs/logs-filter.ts';
import { logById } from '../logs/logs-search.ts';
import { reviewMatching, reviewRecord, reviewsOf } from './review-store.ts';

const comment = z.string().trim().min(1).max(2_000).optional();
const oneReviewSchema = z.strictObject({ comment });
const bulkReviewSchema = z.strictObject({
  filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  comment,
});
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reviews (admin): `POST /logs/:id/review` and `POST /logs/review` (every record a filter matches)
 * record who reviewed what, when and why, beside the records, which never change. `GET
 * /reviews/coverage` (viewer): reviewed errors over errors, for the same filters as `GET /logs`.
 */
export function reviewRoutes(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  accessLog: AccessLogWriter;
  /** Free text is also looked for as its hash under the personal data policy. Default: as given. */
  privacy?: SearchPrivacy;
}) {
  const { client, names } = deps;
  return new Hono()
    .post('/logs/review', async (c) => {
      const body = await jsonBody(c);
      if (typeof body === 'symbol') return badRequest(c, 'body', 'expected JSON');
      const parsed = bulkReviewSchema.safeParse(body);
      if (!parsed.success) return invalidInput(c, parsed.error);
      if (Object.keys(parsed.data.filter).length === 0)
        return badRequest(c, 'filter', 'name at least one filter (reviewing every record at once is not allowed)');
      const filter = exportQuerySchema.safeParse(parsed.data.filter);
      if (!filter.success)
        return badRequest(
          c,
          `filter.${String(filter.error.issues[0]!.path[0] ?? '')}`,
          filter.error.issues[0]!.message,
        );
      return c.json(
        await reviewMatching(
          client,
          names,
          logsFilter(filter.data, deps.privacy),
          callerOfRequest(c.req.raw),
          parsed.data.comment,
        ),
      );
    })
    .post('/logs/:id/review', async (c) => {
      const id = c.req.param('id');
      if (!EVENT_ID.test(id)) return badRequest(c, 'id', 'expected an event id (a UUID)');
      const body = await jsonBody(c);
      if (typeof body === 'symbol') return badRequest(c, 'body', 'expected JSON');
      const parsed = oneReviewSchema.safeParse(body);
      if (!parsed.success) return invalidInput(c, parsed.error);
      const record = await logById(client, names, id);
      if (!record) return c.json({ error: 'not_found', message: `no record with event id ${id}` }, 404);
      await reviewRecord(client, names, record, callerOfRequest(c.req.raw), parsed.data.comment);
      return c.json({ event_id: id, reviews: await reviewsOf(client, names, id) }, 201);
    })
    .get('/reviews/coverage', async (c) => {
      const raw = queryParams(c);
      const parsed = exportQuerySchema.safeParse(raw);
      if (!parsed.success) return invalidInput(c, parsed.error);
      const query = logsFilter({ ...parsed.data, status: ['error'] }, deps.privacy);
      const count = async (index: string) =>
        Number(
          (
            (await client.count({ index, ignore_unavailable: true, allow_no_indices: true, body: { query } } as never))
              .body as unknown as { count: number }
          ).count,
        );
      const [errors, reviewedErrors] = await Promise.all([count(names.readAlias), count(names.reviewed)]);
      // Counts for a customer's filters tell whether that customer had errors: a read like a search.
      await recordAccess(deps.accessLog, {
        caller: callerOfRequest(c.req.raw),
        event: 'coverage.read',
        method: 'GET',
        route: '/reviews/coverage',
        filters: raw,
        rowCount: 0,
      });
      return c.json({
        errors,
        reviewed_errors: reviewedErrors,
        coverage: errors === 0 ? null : reviewedErrors / errors,
      });
    });
}
