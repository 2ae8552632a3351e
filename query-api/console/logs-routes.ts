import { Hono, type Context } from 'hono';
import { recordAccess } from '../audit/access-log.ts';
import { CursorError } from '../logs/cursor.ts';
import { logsQuerySchemaFor } from '../logs/logs-query-schema.ts';
import { searchLogs, type LogsPage } from '../logs/logs-search.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { consoleUserOf } from './console-user.ts';
import { formParams, refusedFilter, shownCodes } from './console-request.ts';
import type { RawParams } from './log-filters.ts';
import { logsPage } from './logs-page.ts';
import { LOGS_TEXT } from './logs-text.ts';
import { searchNote } from './personal-value.ts';
import { RECORDS_TEXT } from './records-text.ts';

/** The log list with its filters; every page shown is recorded in the access log. */
export function logsRoutes(deps: ConsoleDeps, { viewer }: ConsoleGuards) {
  const { client, names } = deps;
  const logsSchema = logsQuerySchemaFor(deps.limits);
  const show = async (c: Context, raw: RawParams, page: LogsPage | null, problem: string | null, seen: SeenCodes) => {
    const reader = readerOf(c);
    const note = searchNote(deps.privacy, reader.text(RECORDS_TEXT));
    const view = { raw, page, problem, seen, searchNote: note };
    const title = reader.text(LOGS_TEXT)('title');
    return consolePage(c, consoleUserOf(c), title, 'logs', logsPage(consoleUserOf(c), reader, view), page ? 200 : 400);
  };

  return new Hono().get('/console/logs', viewer, async (c) => {
    const user = consoleUserOf(c);
    const t = readerOf(c).text(LOGS_TEXT);
    const raw = formParams(c);
    const parsed = logsSchema.safeParse(raw);
    const seen = shownCodes(client, names);
    if (!parsed.success) return show(c, raw, null, refusedFilter(t, parsed.error), await seen);
    let page: LogsPage;
    try {
      page = await searchLogs(client, names, parsed.data, deps.privacy);
    } catch (error) {
      if (error instanceof CursorError)
        return show(c, raw, null, t('refused_cursor', { problem: error.message }), await seen);
      throw error;
    }
    await recordAccess(deps.accessLog, {
      caller: user.caller,
      event: 'search',
      method: 'GET',
      route: '/console/logs',
      filters: raw,
      rowCount: page.records.length,
    });
    return show(c, raw, page, null, await seen);
  });
}
