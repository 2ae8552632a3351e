import { Hono, type Context } from 'hono';
import { recordAccess } from '../audit/access-log.ts';
import { logById } from '../logs/logs-search.ts';
import { reviewRecord, reviewsOf } from '../reviews/review-store.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage, notice } from './console-layout.ts';
import { EVENT_ID, formComment } from './console-request.ts';
import { consoleUserOf, type ConsoleUser } from './console-user.ts';
import { LAYOUT_TEXT } from './layout-text.ts';
import { recordPage } from './record-page.ts';
import { RECORD_TEXT } from './record-text.ts';

const notFound = (c: Context, user: ConsoleUser, id: string) => {
  const reader = readerOf(c);
  const title = reader.text(LAYOUT_TEXT)('not_found_title');
  return consolePage(c, user, title, 'logs', notice(reader.text(RECORD_TEXT)('not_found', { id }), true), 404);
};

/** Back to the filtered list the record was opened from, or to the whole list. */
const backLink = (referer: string | undefined) =>
  referer?.includes('/console/logs?') ? new URL(referer).pathname + new URL(referer).search : '/console/logs';

/** One record with its reviews (every view recorded in the access log), and its review by an admin. */
export function recordRoutes(deps: ConsoleDeps, { viewer, admin }: ConsoleGuards) {
  const { client, names } = deps;
  const recordOf = (id: string) => (EVENT_ID.test(id) ? logById(client, names, id) : null);

  return new Hono()
    .get('/console/logs/:id', viewer, async (c) => {
      const user = consoleUserOf(c);
      const id = c.req.param('id');
      const record = await recordOf(id);
      await recordAccess(deps.accessLog, {
        caller: user.caller,
        event: 'record.view',
        method: 'GET',
        route: '/console/logs/:id',
        recordId: id,
        filters: {},
        rowCount: record ? 1 : 0,
      });
      if (!record) return notFound(c, user, id);
      const back = backLink(c.req.header('referer'));
      const reader = readerOf(c);
      const type = record.operation_type
        ? reader.label('operation_type', record.operation_type)
        : reader.text(RECORD_TEXT)('record');
      const title = `${type} · ${record.status ? reader.label('status', record.status) : record.level}`;
      const reviews = await reviewsOf(client, names, id);
      return consolePage(c, user, title, 'logs', recordPage(user, reader, record, reviews, back));
    })
    .post('/console/logs/:id/review', admin, async (c) => {
      const user = consoleUserOf(c);
      const id = c.req.param('id');
      const record = await recordOf(id);
      if (!record) return notFound(c, user, id);
      const form = await c.req.parseBody();
      await reviewRecord(client, names, record, user.caller, formComment(form.comment));
      return c.redirect(`/console/logs/${id}`, 303);
    });
}
