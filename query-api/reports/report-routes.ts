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

/** The query every report route takes beside its own fields. */
type CommonQuery = { time_zone?: string | undefined; format: ReportFormat };

/**
 * One report route: validates the query with `schema` (400 naming the field), computes the report
 * `toRequest` names, records the read (a report names customers), and answers in the asked format.
 */
function reportRoute<Q extends CommonQuery>(
  deps: Deps,
  route: string,
  schema: z.ZodType<Q>,
  toRequest: (query: Q) => ReportRequest,
) {
  return async (c: Context) => {
    const parsed = schema.safeParse(c.req.query());
    if (!parsed.success) return invalidInput(c, parsed.error);
    const { time_zone: timeZone, format } = parsed.data;
    const { data, doc } = await buildReport(deps.client, deps.names, toRequest(parsed.data), timeZone ?? deps.timeZone);
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
  };
}

/**
 * `GET /reports/daily?date=YYYY-MM-DD`, `GET /reports/weekly-errors?start=YYYY-MM-DD` and
 * `GET /reports/monthly-activity?month=YYYY-MM` (viewer), with an optional `time_zone` and
 * `format` (json, csv, xlsx or html).
 */
export function reportRoutes(deps: Deps) {
  return new Hono()
    .get(
      '/reports/daily',
      reportRoute(deps, '/reports/daily', dailyReportQuerySchema, (q) => ({ kind: 'daily', date: q.date })),
    )
    .get(
      '/reports/weekly-errors',
      reportRoute(deps, '/reports/weekly-errors', weeklyReportQuerySchema, (q) => ({ kind: 'weekly', start: q.start })),
    )
    .get(
      '/reports/monthly-activity',
      reportRoute(deps, '/reports/monthly-activity', monthlyReportQuerySchema, (q) => ({
        kind: 'monthly',
        month: q.month,
        top: q.top,
      })),
    );
}
