import { Hono, type Context } from 'hono';
import { recordAccess } from '../audit/access-log.ts';
import { CursorError } from '../logs/cursor.ts';
import { logsQuerySchemaFor } from '../logs/logs-query-schema.ts';
import { searchLogs, type LogsPage } from '../logs/logs-search.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { consoleUserOf, type ConsoleUser } from './console-user.ts';
import { firstIssue, formParams, shownCodes } from './console-request.ts';
import type { RawParams } from './log-filters.ts';
import { logsPage } from './logs-page.ts';
import { searchNote } from './personal-value.ts';

/** The log list with its filters; every page shown is recorded in the access log. */
export function logsRoutes(deps: ConsoleDeps, { viewer }: ConsoleGuards) {
  const { client, names } = deps;
  const logsSchema = logsQuerySchemaFor(deps.limits);
  const note = searchNote(deps.privacy);
  const refused = async (c: Context, user: ConsoleUser, raw: RawParams, problem: string, seen: Promise<SeenCodes>) =>
    consolePage(c, user, 'Logs', 'logs', logsPage(user, raw, null, problem, await seen, note), 400);

  return new Hono().get('/console/logs', viewer, async (c) => {
    const user = consoleUserOf(c);
    const raw = formParams(c);
    const parsed = logsSchema.safeParse(raw);
    const seen = shownCodes(client, names);
    if (!parsed.success) return refused(c, user, raw, firstIssue(parsed.error), seen);
    let page: LogsPage;
    try {
      page = await searchLogs(client, names, parsed.data, deps.privacy);
    } catch (error) {
      if (error instanceof CursorError) return refused(c, user, raw, `cursor: ${error.message}`, seen);
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
    return consolePage(c, user, 'Logs', 'logs', logsPage(user, raw, page, null, await seen, note));
  });
}
