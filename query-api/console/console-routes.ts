import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { acknowledgeAlert, listAlerts } from '../../opensearch/alerting/alert-inbox.ts';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { readHolds } from '../../opensearch/lifecycle/legal-hold.ts';
import type { LifecyclePolicy } from '../../opensearch/lifecycle-policy/lifecycle-policy.ts';
import { retentionStatus } from '../../opensearch/lifecycle/retention-status.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { ApiTokens } from '../auth/api-tokens.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { recordAccess } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { queryParams } from '../http/query-params.ts';
import { CursorError } from '../logs/cursor.ts';
import { exportQuerySchema, logsQuerySchemaFor, type QueryLimits } from '../logs/logs-query-schema.ts';
import { logById, logsFilter, searchLogs, type LogsPage } from '../logs/logs-search.ts';
import { NOTHING_SEEN, seenCodes, type SeenCodes } from '../logs/seen-codes.ts';
import { buildReport, completedPeriod, periodOfDate } from '../reports/build-report.ts';
import type { ReportDocument, ReportKind } from '../reports/formats/report-document.ts';
import { reviewMatching, reviewRecord, reviewsOf } from '../reviews/review-store.ts';
import { alertsPage } from './alerts-page.ts';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets.ts';
import { consolePage, notice } from './console-layout.ts';
import { consoleRole, consoleUserOf } from './console-user.ts';
import { loginPage } from './login-page.ts';
import { FILTER_KEYS, filterQuery, logsPage, recordText, type RawParams } from './logs-page.ts';
import { recordPage } from './record-page.ts';
import { reportsPage } from './reports-page.ts';
import { retentionPage } from './retention-page.ts';
import { tailPage } from './tail-page.ts';

export interface ConsoleDeps {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  readonly tokens: ApiTokens;
  readonly accessLog: AccessLogWriter;
  readonly limits: QueryLimits;
  readonly reportTimeZone: string;
  readonly lifecycle: LifecyclePolicy;
  readonly clock: Clock;
  /** How often the live tail looks for new records. Default 1 s. */
  readonly tailPollMs?: number;
}

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SESSION_HOURS = 12;

/** Query parameters without the empty values a submitted form carries for "any". */
const formParams = (c: Context): RawParams =>
  Object.fromEntries(
    Object.entries(queryParams(c))
      .map(([k, v]) => [k, Array.isArray(v) ? v.filter(Boolean) : v] as const)
      .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '')),
  );
const firstIssue = (error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) => {
  const issue = error.issues[0]!;
  return `${String(issue.path[0] ?? 'filters')}: ${issue.message}`;
};

/**
 * The web console, server-rendered: log list with filters, record detail, exports, reviews,
 * reports, alerts, retention and a live tail. Sessions carry an API token's role; every form is
 * CSRF-checked; every value is escaped; the Content-Security-Policy allows no inline code.
 */
export function consoleRoutes(deps: ConsoleDeps) {
  const { client, names, tokens } = deps;
  const forbidden = (c: Context) =>
    consolePage(c, null, 'Not allowed', '', notice("Your token's role does not allow this page or action.", true), 403);
  const viewer = consoleRole(tokens, 'viewer', forbidden);
  const admin = consoleRole(tokens, 'admin', forbidden);
  const logsSchema = logsQuerySchemaFor(deps.limits);
  // The filters offer every code the data holds; without them the story's codes still serve.
  const shownCodes = async (): Promise<SeenCodes> => {
    const seen = await seenCodes(client, names);
    return seen instanceof Error ? NOTHING_SEEN : seen;
  };

  return new Hono()
    .get('/console/assets/console.css', (c) =>
      c.body(CONSOLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=300' }),
    )
    .get('/console/assets/console.js', (c) =>
      c.body(CONSOLE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=300' }),
    )
    .get('/console', (c) => c.redirect('/console/logs', 303))
    .get('/console/login', (c) =>
      consolePage(c, null, 'Sign in', '', loginPage(c.req.query('next') ?? '/console/logs', null)),
    )
    .post('/console/login', async (c) => {
      const form = await c.req.parseBody();
      const token = typeof form.token === 'string' ? form.token.trim() : '';
      const next =
        typeof form.next === 'string' && /^\/console(\/|$)/.test(form.next) && !form.next.startsWith('//')
          ? form.next
          : '/console/logs';
      if (!token || !tokens.roleOf(token))
        return consolePage(c, null, 'Sign in', '', loginPage(next, 'That token is not known.'), 400);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: SESSION_HOURS * 3_600,
      });
      return c.redirect(next, 303);
    })
    .post('/console/logout', viewer, (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect('/console/login', 303);
    })
    .get('/console/logs', viewer, async (c) => {
      const user = consoleUserOf(c);
      const raw = formParams(c);
      const parsed = logsSchema.safeParse(raw);
      const seen = shownCodes();
      if (!parsed.success)
        return consolePage(
          c,
          user,
          'Logs',
          'logs',
          logsPage(user, raw, null, firstIssue(parsed.error), await seen),
          400,
        );
      let page: LogsPage;
      try {
        page = await searchLogs(client, names, parsed.data);
      } catch (error) {
        if (error instanceof CursorError)
          return consolePage(
            c,
            user,
            'Logs',
            'logs',
            logsPage(user, raw, null, `cursor: ${error.message}`, await seen),
            400,
          );
        throw error;
      }
      await recordAccess(deps.accessLog, {
        caller: user.caller,
        method: 'GET',
        route: '/console/logs',
        filters: raw,
        rowCount: page.records.length,
      });
      return consolePage(c, user, 'Logs', 'logs', logsPage(user, raw, page, null, await seen));
    })
    .get('/console/logs/:id', viewer, async (c) => {
      const user = consoleUserOf(c);
      const id = c.req.param('id');
      const record = EVENT_ID.test(id) ? await logById(client, names, id) : null;
      await recordAccess(deps.accessLog, {
        caller: user.caller,
        method: 'GET',
        route: '/console/logs/:id',
        recordId: id,
        filters: {},
        rowCount: record ? 1 : 0,
      });
      if (!record)
        return consolePage(c, user, 'Not found', 'logs', notice(`No record with event id ${id}.`, true), 404);
      const back = c.req.header('referer')?.includes('/console/logs?')
        ? new URL(c.req.header('referer')!).pathname + new URL(c.req.header('referer')!).search
        : '/console/logs';
      return consolePage(
        c,
        user,
        `${record.operation_type ?? 'Record'} · ${record.status ?? record.level}`,
        'logs',
        recordPage(user, record, await reviewsOf(client, names, id), back),
      );
    })
    .post('/console/logs/:id/review', admin, async (c) => {
      const user = consoleUserOf(c);
      const id = c.req.param('id');
      const record = EVENT_ID.test(id) ? await logById(client, names, id) : null;
      if (!record)
        return consolePage(c, user, 'Not found', 'logs', notice(`No record with event id ${id}.`, true), 404);
      const form = await c.req.parseBody();
      const comment =
        typeof form.comment === 'string' && form.comment.trim() ? form.comment.trim().slice(0, 2_000) : undefined;
      await reviewRecord(client, names, record, user.caller, comment);
      return c.redirect(`/console/logs/${id}`, 303);
    })
    .post('/console/review', admin, async (c) => {
      const user = consoleUserOf(c);
      const form = await c.req.parseBody({ all: true });
      const raw: RawParams = {};
      for (const key of FILTER_KEYS) {
        const value = form[key];
        const values = [value ?? []].flat().filter((v): v is string => typeof v === 'string' && v !== '');
        if (values.length > 0) raw[key] = values.length === 1 ? values[0]! : values;
      }
      const parsed = exportQuerySchema.safeParse(raw);
      if (!parsed.success || Object.keys(raw).length === 0) {
        return consolePage(
          c,
          user,
          'Logs',
          'logs',
          logsPage(
            user,
            raw,
            null,
            parsed.success ? 'Choose at least one filter before reviewing in bulk.' : firstIssue(parsed.error),
            await shownCodes(),
          ),
          400,
        );
      }
      const comment =
        typeof form.comment === 'string' && form.comment.trim() ? form.comment.trim().slice(0, 2_000) : undefined;
      await reviewMatching(client, names, logsFilter(parsed.data), user.caller, comment);
      return c.redirect(`/console/logs?${filterQuery(raw)}`, 303);
    })
    .get('/console/reports', viewer, async (c) => {
      const user = consoleUserOf(c);
      const kind = (['daily', 'weekly', 'monthly'] as const).find((k) => k === c.req.query('kind')) ?? 'daily';
      const fallback = completedPeriod(kind, new Date(deps.clock.now()), deps.reportTimeZone);
      const defaultDate =
        'date' in fallback ? fallback.date : 'start' in fallback ? fallback.start : `${fallback.month}-01`;
      const date = c.req.query('date') || defaultDate;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
        return consolePage(
          c,
          user,
          'Reports',
          'reports',
          reportsPage(kind, defaultDate, null, 'date: expected YYYY-MM-DD'),
          400,
        );
      }
      const { doc }: { doc: ReportDocument } = await buildReport(
        client,
        names,
        periodOfDate(kind as ReportKind, date),
        deps.reportTimeZone,
      );
      return consolePage(c, user, 'Reports', 'reports', reportsPage(kind, date, doc, null));
    })
    .get('/console/alerts', viewer, async (c) => {
      const user = consoleUserOf(c);
      const state =
        c.req.query('state') === 'firing' || c.req.query('state') === 'resolved' ? c.req.query('state')! : '';
      const alerts = await listAlerts(client, names, { state: state || undefined, limit: 200 });
      return consolePage(c, user, 'Alerts', 'alerts', alertsPage(user, alerts, state));
    })
    .post('/console/alerts/ack', admin, async (c) => {
      const user = consoleUserOf(c);
      const form = await c.req.parseBody();
      const key = typeof form.key === 'string' ? form.key : '';
      const comment =
        typeof form.comment === 'string' && form.comment.trim() ? form.comment.trim().slice(0, 2_000) : undefined;
      const acknowledged = key
        ? await acknowledgeAlert(client, names, key, { by: user.caller.id, at: new Date(deps.clock.now()), comment })
        : null;
      if (!acknowledged) return consolePage(c, user, 'Not found', 'alerts', notice(`No alert ${key}.`, true), 404);
      return c.redirect('/console/alerts', 303);
    })
    .get('/console/retention', viewer, async (c) => {
      const user = consoleUserOf(c);
      const [rows, holds] = await Promise.all([
        retentionStatus(client, names, deps.lifecycle, new Date(deps.clock.now())),
        readHolds(client, names),
      ]);
      return consolePage(c, user, 'Retention', 'retention', retentionPage(rows, holds));
    })
    .get('/console/tail', viewer, async (c) =>
      consolePage(c, consoleUserOf(c), 'Live tail', 'tail', tailPage(formParams(c), await shownCodes())),
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
      const since = new Date(deps.clock.now() - 5_000).toISOString();
      return streamSSE(c, async (stream) => {
        let open = true;
        stream.onAbort(() => {
          open = false;
        });
        let after: unknown[] | undefined;
        while (open) {
          const { body } = await client.search({
            index: names.readAlias,
            ignore_unavailable: true,
            allow_no_indices: true,
            body: {
              size: 200,
              sort: [{ '@timestamp': 'asc' }, { event_id: 'asc' }],
              query: { bool: { filter: [filter, { range: { '@timestamp': { gte: since } } }] } },
              ...(after ? { search_after: after } : {}),
            },
          } as never);
          const hits = (body as unknown as { hits: { hits: Array<{ _source: SyncLogRecord; sort: unknown[] }> } }).hits
            .hits;
          for (const { _source: r, sort } of hits) {
            after = sort;
            await stream.writeSSE({
              event: 'record',
              id: r.event_id,
              data: JSON.stringify({
                event_id: r.event_id,
                time: r['@timestamp'],
                operation_type: r.operation_type ?? '',
                status: r.status ?? '',
                customer: r.customer?.name ?? r.customer?.id ?? '',
                text: recordText(r),
              }),
            });
          }
          if (hits.length < 200) await stream.sleep(deps.tailPollMs ?? 1_000);
        }
      });
    });
}
