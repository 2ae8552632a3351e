import { Hono } from 'hono';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { callerOfRequest } from '../auth/require-role.ts';
import { recordAccess } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { reviewsOf } from '../reviews/review-store.ts';
import { queryParams } from '../http/query-params.ts';
import { badRequest, invalidInput } from '../http/request-errors.ts';
import { CursorError } from './cursor.ts';
import { DEFAULT_QUERY_LIMITS, logsQuerySchemaFor, type QueryLimits } from './logs-query-schema.ts';
import { logById, logsPageJson, searchLogsRaw } from './logs-search.ts';

const JSON_TYPE = { 'content-type': 'application/json' };
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `GET /logs` (search, filters, cursor pages) and `GET /logs/:id` (one record): the viewer role. */
export function logsRoutes(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  accessLog: AccessLogWriter;
  limits?: QueryLimits;
  /** Free text is also looked for as its hash under the personal data policy. Default: as given. */
  privacy?: SearchPrivacy;
}) {
  const schema = logsQuerySchemaFor(deps.limits ?? DEFAULT_QUERY_LIMITS);
  return new Hono()
    .get('/logs', async (c) => {
      const raw = queryParams(c);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return invalidInput(c, parsed.error);
      let page;
      try {
        page = await searchLogsRaw(deps.client, deps.names, parsed.data, deps.privacy);
      } catch (error) {
        if (error instanceof CursorError) return badRequest(c, 'cursor', error.message);
        throw error;
      }
      await recordAccess(deps.accessLog, {
        caller: callerOfRequest(c.req.raw),
        event: 'search',
        method: 'GET',
        route: '/logs',
        filters: raw,
        rowCount: page.records.length,
      });
      return c.body(logsPageJson(page), 200, JSON_TYPE);
    })
    .get('/logs/:id', async (c) => {
      const id = c.req.param('id');
      if (!EVENT_ID.test(id)) return badRequest(c, 'id', 'expected an event id (a UUID)');
      const record = await logById(deps.client, deps.names, id);
      await recordAccess(deps.accessLog, {
        caller: callerOfRequest(c.req.raw),
        event: 'record.view',
        method: 'GET',
        route: '/logs/:id',
        recordId: id,
        filters: {},
        rowCount: record ? 1 : 0,
      });
      return record
        ? c.json({ ...record, reviews: await reviewsOf(deps.client, deps.names, id) })
        : c.json({ error: 'not_found', message: `no record with event id ${id}` }, 404);
    });
}
