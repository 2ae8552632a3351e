import { Hono } from 'hono';
import { z } from 'zod';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { callerOfRequest } from '../auth/require-role.ts';
import { recordAccess } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { invalidInput } from '../http/request-errors.ts';
import type { Context } from 'hono';
import { buildReport, type ReportRequest } from './build-report.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from './formats/render-report.ts';
import { reportRows } from './formats/report-document.ts';
import { timeZoneSchema } from './local-day.ts';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );

const common = {
  time_zone: timeZoneSchema.optional(),
  /** Default json; csv and xlsx come as attachments, html as a page. */
  format: z.enum(REPORT_FORMATS).default('json'),
};

export const dailyReportQuerySchema = z.strictObject({ date: calendarDate, ...common });

export const weeklyReportQuerySchema = z.strictObject({ start: calendarDate, ...common });

export const monthlyReportQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  top: z.coerce.number().int().min(1).max(1_000).default(10),
  ...common,
});

type Deps = { client: OpenSearchClient; names: IndexNames; timeZone: string; accessLog: AccessLogWriter };

/** Computes the report, records the read (a report names customers), and answers in the asked format. */
async function respond(
  c: Context,
  deps: Deps,
  request: ReportRequest,
  timeZone: string | undefined,
  format: ReportFormat,
  route: string,
) {
  const { data, doc } = await buildReport(deps.client, deps.names, request, timeZone ?? deps.timeZone);
  await recordAccess(deps.accessLog, {
    caller: callerOfRequest(c.req.raw),
    event: 'report.read',
    method: 'GET',
    route,
    filters: c.req.query(),
    rowCount: reportRows(doc),
  });
  if (format === 'json') return c.json(data);
  const rendered = await renderReport(doc, data, format);
  c.header('Content-Type', rendered.contentType);
  if (format !== 'html') c.header('Content-Disposition', `attachment; filename="${rendered.filename}"`);
  return c.body(typeof rendered.body === 'string' ? rendered.body : new Uint8Array(rendered.body));
}

/**
 * `GET /reports/daily?date=YYYY-MM-DD`, `GET /reports/weekly-errors?start=YYYY-MM-DD` and
 * `GET /reports/monthly-activity?month=YYYY-MM` (viewer), with an optional `time_zone` and
 * `format` (json, csv, xlsx or html).
 */
export function reportRoutes(deps: Deps) {
  return new Hono()
    .get('/reports/daily', async (c) => {
      const parsed = dailyReportQuerySchema.safeParse(c.req.query());
      if (!parsed.success) return invalidInput(c, parsed.error);
      return respond(
        c,
        deps,
        { kind: 'daily', date: parsed.data.date },
        parsed.data.time_zone,
        parsed.data.format,
        '/reports/daily',
      );
    })
    .get('/reports/weekly-errors', async (c) => {
      const parsed = weeklyReportQuerySchema.safeParse(c.req.query());
      if (!parsed.success) return invalidInput(c, parsed.error);
      return respond(
        c,
        deps,
        { kind: 'weekly', start: parsed.data.start },
        parsed.data.time_zone,
        parsed.data.format,
        '/reports/weekly-errors',
      );
    })
    .get('/reports/monthly-activity', async (c) => {
      const parsed = monthlyReportQuerySchema.safeParse(c.req.query());
      if (!parsed.success) return invalidInput(c, parsed.error);
      return respond(
        c,
        deps,
        { kind: 'monthly', month: parsed.data.month, top: parsed.data.top },
        parsed.data.time_zone,
        parsed.data.format,
        '/reports/monthly-activity',
      );
    });
}
