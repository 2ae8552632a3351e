import { Hono } from 'hono';
import { acknowledgeAlert, listAlerts } from '../../opensearch/alerting/alert-inbox.ts';
import { recordAccess } from '../audit/access-log.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import { alertsPage } from './alerts-page.ts';
import { ALERTS_TEXT } from './alerts-text.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage, notice } from './console-layout.ts';
import { formComment } from './console-request.ts';
import { consoleUserOf } from './console-user.ts';
import { LAYOUT_TEXT } from './layout-text.ts';

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
      const reader = readerOf(c);
      const title = reader.text(ALERTS_TEXT)('title');
      return consolePage(c, user, title, 'alerts', alertsPage(user, reader, alerts, state));
    })
    .post('/console/alerts/ack', admin, async (c) => {
      const user = consoleUserOf(c);
      const form = await c.req.parseBody();
      const key = typeof form.key === 'string' ? form.key : '';
      const comment = formComment(form.comment);
      const acknowledged = key
        ? await acknowledgeAlert(client, names, key, { by: user.caller.id, at: new Date(deps.clock.now()), comment })
        : null;
      if (!acknowledged) {
        const reader = readerOf(c);
        const text = notice(reader.text(ALERTS_TEXT)('unknown', { key }), true);
        return consolePage(c, user, reader.text(LAYOUT_TEXT)('not_found_title'), 'alerts', text, 404);
      }
      return c.redirect('/console/alerts', 303);
    });
}
