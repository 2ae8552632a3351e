import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { recordAccess, type AccessOutcome } from '../audit/access-log.ts';
import { exportQuerySchema } from '../logs/logs-query-schema.ts';
import { logsFilter } from '../logs/logs-filter.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { firstIssue, formParams, shownCodes } from './console-request.ts';
import { consoleUserOf } from './console-user.ts';
import { tailPage } from './tail-page.ts';
import { streamTail } from './tail-stream.ts';
import { TAIL_TEXT } from './tail-text.ts';

/** Records written this long before the tail opens are still shown, so a page load misses none. */
const LOOK_BACK_MS = 5_000;

/**
 * The live tail page, and its server-sent events: the access log holds a `tail.started` entry
 * before the first event and a `tail.finished` entry with the rows sent once the browser has gone.
 */
export function tailRoutes(deps: ConsoleDeps, { viewer }: ConsoleGuards) {
  const { client, names } = deps;
  return new Hono()
    .get('/console/tail', viewer, async (c) => {
      const reader = readerOf(c);
      const page = tailPage(formParams(c), await shownCodes(client, names), reader);
      return consolePage(c, consoleUserOf(c), reader.text(TAIL_TEXT)('title'), 'tail', page);
    })
    .get('/console/tail/events', viewer, async (c) => {
      const user = consoleUserOf(c);
      const raw = formParams(c);
      const parsed = exportQuerySchema.safeParse(raw);
      if (!parsed.success) return c.text(firstIssue(parsed.error), 400);
      const access = { caller: user.caller, method: 'GET', route: '/console/tail/events', accessId: randomUUID() };
      await recordAccess(deps.accessLog, { ...access, event: 'tail.started', filters: raw, rowCount: 0 });
      const filter = logsFilter(parsed.data, deps.privacy);
      const since = new Date(deps.clock.now() - LOOK_BACK_MS).toISOString();
      const pollMs = deps.tailPollMs ?? 1_000;
      return streamSSE(c, async (stream) => {
        const sent = { rows: 0 };
        // A tail has no end of its own: the browser leaving completes it.
        let outcome: AccessOutcome = 'completed';
        try {
          await streamTail(stream, { client, names, filter, since, pollMs, reader: readerOf(c) }, sent);
        } catch (error) {
          outcome = 'failed';
          throw error;
        } finally {
          // Once the browser has gone: the rows it was sent, under the id of the entry that opened the tail.
          await recordAccess(deps.accessLog, {
            ...access,
            event: 'tail.finished',
            filters: {},
            rowCount: sent.rows,
            outcome,
          });
        }
      });
    });
}
