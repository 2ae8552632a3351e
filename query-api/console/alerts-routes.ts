import { Hono } from 'hono';
import { acknowledgeAlert, listAlerts } from '../../opensearch/alerting/alert-inbox.ts';
import { recordAccess } from '../audit/access-log.ts';
import { alertsPage } from './alerts-page.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage, notice } from './console-layout.ts';
import { formComment } from './console-request.ts';
import { consoleUserOf } from './console-user.ts';

/** The alerts, firing or resolved, and their acknowledgement by an admin. */
export function alertsRoutes(deps: ConsoleDeps, { viewer, admin }: ConsoleGuards) {
  const { client, names } = deps;
  return new Hono()
    .get('/console/alerts', viewer, async (c) => {
      const user = consoleUserOf(c);
      const state =
        c.req.query('state') === 'firing' || c.req.query('state') === 'resolved' ? c.req.query('state')! : '';
      const alerts = await listAlerts(client, names, { state: state || undefined, limit: 200 });
      await recordAccess(deps.accessLog, {
        caller: user.caller,
        event: 'alerts.read',
        method: 'GET',
        route: '/console/alerts',
        filters: state ? { state } : {},
        rowCount: alerts.length,
      });
      return consolePage(c, user, 'Alerts', 'alerts', alertsPage(user, alerts, state));
    })
    .post('/console/alerts/ack', admin, async (c) => {
      const user = consoleUserOf(c);
      const form = await c.req.parseBody();
      const key = typeof form.key === 'string' ? form.key : '';
      const comment = formComment(form.comment);
      const acknowledged = key
        ? await acknowledgeAlert(client, names, key, { by: user.caller.id, at: new Date(deps.clock.now()), comment })
        : null;
      if (!acknowledged) return consolePage(c, user, 'Not found', 'alerts', notice(`No alert ${key}.`, true), 404);
      return c.redirect('/console/alerts', 303);
    });
}
