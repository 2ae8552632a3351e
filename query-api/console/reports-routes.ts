import { Hono } from 'hono';
import { buildReport, completedPeriod, periodOfDate } from '../reports/build-report.ts';
import { recordAccess } from '../audit/access-log.ts';
import { reportRows, type ReportDocument, type ReportKind } from '../reports/formats/report-document.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { consoleUserOf } from './console-user.ts';
import { reportsPage } from './reports-page.ts';
import { REPORTS_PAGE_TEXT } from './reports-page-text.ts';

/** The first day of a report period: what the date field shows when none is chosen. */
const firstDayOf = (period: ReturnType<typeof completedPeriod>) =>
  'date' in period ? period.date : 'start' in period ? period.start : `${period.month}-01`;

/** A report of the chosen kind for the period holding the chosen date; by default the last completed one. */
export function reportsRoutes(deps: ConsoleDeps, { viewer }: ConsoleGuards) {
  return new Hono().get('/console/reports', viewer, async (c) => {
    const user = consoleUserOf(c);
    const reader = readerOf(c);
    const title = reader.text(REPORTS_PAGE_TEXT)('title');
    const kind = (['daily', 'weekly', 'monthly'] as const).find((k) => k === c.req.query('kind')) ?? 'daily';
    const defaultDate = firstDayOf(completedPeriod(kind, new Date(deps.clock.now()), deps.reportTimeZone));
    const date = c.req.query('date') || defaultDate;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      const page = reportsPage(reader, kind, defaultDate, null, reader.text(REPORTS_PAGE_TEXT)('bad_date'));
      return consolePage(c, user, title, 'reports', page, 400);
    }
    const { doc }: { doc: ReportDocument } = await buildReport(
      deps.client,
      deps.names,
      periodOfDate(kind as ReportKind, date),
      deps.reportTimeZone,
      reader,
    );
    await recordAccess(deps.accessLog, {
      caller: user.caller,
      event: 'report.read',
      method: 'GET',
      route: '/console/reports',
      filters: { kind, date },
      rowCount: reportRows(doc),
    });
    return consolePage(c, user, title, 'reports', reportsPage(reader, kind, date, doc, null));
  });
}
