import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { LOCALES, type Locale } from '../../opensearch/i18n/locale.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { callerOfRequest } from '../auth/require-role.ts';
import { recordAccess } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { invalidInput } from '../http/request-errors.ts';
import { createReader } from '../reader/reader.ts';
import { STORY_LABELS, type VocabularyLabels } from '../reader/vocabulary-labels.ts';
import { buildReport, type ReportRequest } from './build-report.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from './formats/render-report.ts';
import { reportRows } from './formats/report-document.ts';
import { timeZoneSchema } from '../reader/time-zone-schema.ts';

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
  /**
   * The reader's language: the words of HTML, and CSV/XLSX for a reader (labels, the language's
   * numbers, code columns kept). Without it, English HTML and the CSV/XLSX of codes, as always.
   * JSON is the computed report in either case.
   */
  lang: z.enum(LOCALES).optional(),
};

export const dailyReportQuerySchema = z.strictObject({ date: calendarDate, ...common });

export const weeklyReportQuerySchema = z.strictObject({ start: calendarDate, ...common });

export const monthlyReportQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  top: z.coerce.number().int().min(1).max(1_000).default(10),
  ...common,
});

type Deps = {
  client: OpenSearchClient;
  names: IndexNames;
  timeZone: string;
  accessLog: AccessLogWriter;
  /** Operation type and status labels, as setup recorded them. Default: the story's. */
  labels?: () => Promise<VocabularyLabels>;
};

/** The query every report route takes beside its own fields. */
type CommonQuery = { time_zone?: string | undefined; format: ReportFormat; lang?: Locale | undefined };

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
    const { format, lang } = parsed.data;
    const timeZone = parsed.data.time_zone ?? deps.timeZone;
    const reader = createReader(lang ?? 'en', timeZone, deps.labels ? await deps.labels() : STORY_LABELS);
    const { data, doc } = await buildReport(deps.client, deps.names, toRequest(parsed.data), timeZone, reader);
    await recordAccess(deps.accessLog, {
      caller: callerOfRequest(c.req.raw),
      event: 'report.read',
      method: 'GET',
      route,
      filters: c.req.query(),
      rowCount: reportRows(doc),
    });
    if (format === 'json') return c.json(data);
    const rendered = await renderReport(doc, data, format, { forReader: lang !== undefined });
    c.header('Content-Type', rendered.contentType);
    if (format !== 'html') c.header('Content-Disposition', `attachment; filename="${rendered.filename}"`);
    return c.body(typeof rendered.body === 'string' ? rendered.body : new Uint8Array(rendered.body));
  };
}

/**
 * `GET /reports/daily?date=YYYY-MM-DD`, `GET /reports/weekly-errors?start=YYYY-MM-DD` and
 * `GET /reports/monthly-activity?month=YYYY-MM` (viewer), with an optional `time_zone`,
 * `format` (json, csv, xlsx or html) and `lang` (en or ru).
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
