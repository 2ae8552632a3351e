import { Hono } from 'hono';
import { z } from 'zod';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { callerOfRequest } from '../auth/require-role.ts';
import { invalidInput } from '../http/request-errors.ts';
import { parseTimeExpression } from '../logs/time-expression.ts';
import { readAccessLog, recordAccess } from './access-log.ts';
import type { AccessLogWriter } from './access-log-writer.ts';

const time = z
  .string()
  .transform(
    (text, ctx) =>
      parseTimeExpression(text, new Date()) ??
      (ctx.addIssue({ code: 'custom', message: 'expected an ISO date-time or now-7d' }), z.NEVER),
  );
const auditQuerySchema = z.strictObject({
  who: z.string().min(1).max(100).optional(),
  route: z.string().min(1).max(100).optional(),
  event: z.string().min(1).max(40).optional(),
  access_id: z.string().min(1).max(100).optional(),
  trace_id: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  from: time.optional(),
  to: time.optional(),
  size: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `GET /audit` (admin): the access log, newest first, optionally of one caller (`who`), `route`,
 * `event`, export/tail (`access_id`) or trace (`trace_id`) in a time range. Reading it is itself recorded.
 */
export function auditRoutes(deps: { client: OpenSearchClient; names: IndexNames; accessLog: AccessLogWriter }) {
  return new Hono().get('/audit', async (c) => {
    const raw = c.req.query();
    const parsed = auditQuerySchema.safeParse(raw);
    if (!parsed.success) return invalidInput(c, parsed.error);
    const entries = await readAccessLog(deps.client, deps.names, parsed.data);
    await recordAccess(deps.accessLog, {
      caller: callerOfRequest(c.req.raw),
      event: 'audit.read',
      method: 'GET',
      route: '/audit',
      filters: raw,
      rowCount: entries.length,
    });
    return c.json({ entries });
  });
}
