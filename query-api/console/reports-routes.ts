import { Hono } from 'hono';
import { buildReport, completedPeriod, periodOfDate } from '../reports/build-report.ts';
import { recordAccess } from '../audit/access-log.ts';
import { reportRows, type ReportDocument, type ReportKind } from '../reports/formats/report-document.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { consoleUserOf } from './console-user.ts';
import { reportsPage } from './reports-page.ts';

/** The first day of a report period: what the date field shows when none is chosen. */
const firstDayOf = (period: ReturnType<typeof completedPeriod>) =>
  'date' in period ? period.date : 'start' in period ? period.start : `${period.month}-01`;

/** A report of the chosen kind for the period holding the chosen date; by default the last completed one. */
export function reportsRoutes(deps: ConsoleDeps, { viewer }: ConsoleGuards) {
  return new Hono().get('/console/reports', viewer, async (c) => {
    const user = consoleUserOf(c);
    const kind = (['daily', 'weekly', 'monthly'] as const).find((k) => k === c.req.query('kind')) ?? 'daily';
    const defaultDate = firstDayOf(completedPeriod(kind, new Date(deps.clock.now()), deps.reportTimeZone));
    const date = c.req.query('date') || defaultDate;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      const page = reportsPage(kind, defaultDate, null, 'date: expected YYYY-MM-DD');
      return consolePage(c, user, 'Reports', 'reports', page, 400);
    }
    const { doc }: { doc: ReportDocument } = await buildReport(
      deps.client,
      deps.names,
      periodOfDate(kind as ReportKind, date),
      deps.reportTimeZone,
    );
    await recordAccess(deps.accessLog, {
      caller: user.caller,
      event: 'report.read',
      method: 'GET',
      route: '/console/reports',
      filters: { kind, date },
      rowCount: reportRows(doc),
    });
    return consolePage(c, user, 'Reports', 'reports', reportsPage(kind, date, doc, null));
  });
}
