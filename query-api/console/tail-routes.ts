import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { recordAccess } from '../audit/access-log.ts';
import { exportQuerySchema } from '../logs/logs-query-schema.ts';
import { logsFilter } from '../logs/logs-filter.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { firstIssue, formParams, shownCodes } from './console-request.ts';
import { consoleUserOf } from './console-user.ts';
import { tailPage } from './tail-page.ts';
import { streamTail } from './tail-stream.ts';

/** Records written this long before the tail opens are still shown, so a page load misses none. */
const LOOK_BACK_MS = 5_000;

/** The live tail page, and its server-sent events (opening the stream is recorded in the access log). */
export function tailRoutes(deps: ConsoleDeps, { viewer }: ConsoleGuards) {
  const { client, names } = deps;
  return new Hono()
    .get('/console/tail', viewer, async (c) =>
      consolePage(c, consoleUserOf(c), 'Live tail', 'tail', tailPage(formParams(c), await shownCodes(client, names))),
    )
    .get('/console/tail/events', viewer, async (c) => {
      const user = consoleUserOf(c);
      const raw = formParams(c);
      const parsed = exportQuerySchema.safeParse(raw);
      if (!parsed.success) return c.text(firstIssue(parsed.error), 400);
      await recordAccess(deps.accessLog, {
        caller: user.caller,
        method: 'GET',
        route: '/console/tail/events',
        filters: raw,
        rowCount: 0,
      });
      const filter = logsFilter(parsed.data);
      const since = new Date(deps.clock.now() - LOOK_BACK_MS).toISOString();
      const pollMs = deps.tailPollMs ?? 1_000;
      return streamSSE(c, (stream) => streamTail(stream, { client, names, filter, since, pollMs }));
    });
}
