import { Hono } from 'hono';
import { z } from 'zod';
import { alertEventSchema } from '../../opensearch/alerting/alert-event.ts';
import { acknowledgeAlert, listAlerts, recordAlertEvent } from '../../opensearch/alerting/alert-inbox.ts';
import { signatureOf } from '../../opensearch/alerting/post-alert-webhook.ts';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import { sameSecret } from '../auth/api-tokens.ts';
import { callerOfRequest } from '../auth/require-role.ts';
import { recordAccess } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { INVALID_JSON, jsonBody } from '../http/json-body.ts';
import { badRequest, invalidInput } from '../http/request-errors.ts';

export const alertsQuerySchema = z.strictObject({
  state: z.enum(['firing', 'resolved']).optional(),
  rule: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});
const ackSchema = z.strictObject({ comment: z.string().trim().min(1).max(2_000).optional() });
const SIGNATURE_TOLERANCE_S = 300;

interface Deps {
  client: OpenSearchClient;
  names: IndexNames;
  accessLog: AccessLogWriter;
  clock: Clock;
  /** `X-Synclog-Alert-Secret` must carry it; unset, the receiver answers 404. */
  receiverSecret?: string | undefined;
  /** Events signed with it (`X-Synclog-Signature`, timestamp within 5 minutes) are accepted too. */
  webhookSecret?: string | undefined;
}

/**
 * `POST /alerts/webhook` (shared secret): stores an alert event from either executor.
 * `GET /alerts` (viewer): alerts, latest first. `POST /alerts/:key/ack` (admin): acknowledges one.
 */
export function alertRoutes(deps: Deps) {
  const { client, names } = deps;
  return new Hono()
    .post('/alerts/webhook', async (c) => {
      if (!deps.receiverSecret && !deps.webhookSecret)
        return c.json(
          { error: 'not_configured', message: 'the alert receiver is off: set SYNCLOG_ALERT_RECEIVER_SECRET' },
          404,
        );
      const text = await c.req.raw.clone().text();
      const secret = c.req.header('x-synclog-alert-secret');
      const signature = c.req.header('x-synclog-signature');
      const timestamp = Number(c.req.header('x-synclog-timestamp'));
      const bySecret =
        deps.receiverSecret !== undefined && secret !== undefined && sameSecret(secret, deps.receiverSecret);
      const bySignature =
        deps.webhookSecret !== undefined &&
        signature !== undefined &&
        Number.isFinite(timestamp) &&
        Math.abs(deps.clock.now() / 1000 - timestamp) <= SIGNATURE_TOLERANCE_S &&
        sameSecret(signature, signatureOf(deps.webhookSecret, String(timestamp), text));
      if (!bySecret && !bySignature)
        return c.json(
          { error: 'unauthorized', message: 'a valid X-Synclog-Alert-Secret or X-Synclog-Signature is required' },
          401,
        );
      const body = await jsonBody(c);
      if (body === INVALID_JSON) return badRequest(c, 'body', 'expected JSON');
      const parsed = alertEventSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return badRequest(c, issue.path.length > 0 ? issue.path.join('.') : 'body', issue.message);
      }
      const recorded = await recordAlertEvent(client, names, parsed.data, new Date(deps.clock.now()));
      return c.json({ recorded, dedup_key: parsed.data.dedup_key }, recorded ? 201 : 200);
    })
    .get('/alerts', async (c) => {
      const parsed = alertsQuerySchema.safeParse(c.req.query());
      if (!parsed.success) return invalidInput(c, parsed.error);
      const alerts = await listAlerts(client, names, parsed.data);
      await recordAccess(deps.accessLog, {
        caller: callerOfRequest(c.req.raw),
        event: 'alerts.read',
        method: 'GET',
        route: '/alerts',
        filters: c.req.query(),
        rowCount: alerts.length,
      });
      return c.json({ alerts });
    })
    .post('/alerts/:key/ack', async (c) => {
      const key = c.req.param('key');
      if (!/^synclog:[\w:.-]{1,590}$/.test(key))
        return badRequest(c, 'key', 'expected an alert dedup key (synclog:<rule>[:<group>])');
      const body = await jsonBody(c);
      if (body === INVALID_JSON) return badRequest(c, 'body', 'expected JSON');
      const parsed = ackSchema.safeParse(body);
      if (!parsed.success) return invalidInput(c, parsed.error);
      const alert = await acknowledgeAlert(client, names, key, {
        by: callerOfRequest(c.req.raw).id,
        at: new Date(deps.clock.now()),
        comment: parsed.data.comment,
      });
      if (!alert) return c.json({ error: 'not_found', message: `no alert ${key}` }, 404);
      return c.json(alert);
    });
}
