import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ConfigError } from '../opensearch/config/parse-env.ts';
import { LOCALES, isLocale, type Locale } from '../opensearch/i18n/locale.ts';
import { commandAccessLog, commandUser } from '../query-api/audit/command-access-log.ts';
import { serviceConfigFromEnv } from '../query-api/config/service-config.ts';
import { buildReport, completedPeriod, periodOfDate } from '../query-api/reports/build-report.ts';
import { deliverReport } from '../query-api/reports/delivery/deliver-report.ts';
import { targetsOf } from '../query-api/reports/delivery/report-delivery-env.ts';
import { createReportMailer } from '../query-api/reports/delivery/report-mailer.ts';
import { reportSendAudit } from '../query-api/reports/delivery/report-send-audit.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../query-api/reports/formats/render-report.ts';
import { dailyReportQuerySchema } from '../query-api/reports/report-routes.ts';
import { createReader } from '../query-api/reader/reader.ts';
import { vocabularyLabelsFrom } from '../query-api/reader/vocabulary-labels.ts';
import { connect } from './connect.ts';
import { startProgress } from './progress.ts';
import { reportTextLines } from './report-text-lines.ts';

const KINDS = { daily: 'daily', weekly: 'weekly', monthly: 'monthly' } as const;

/**
 * `synclog report daily|weekly|monthly [--date YYYY-MM-DD] [--time-zone TZ] [--format
 * json|csv|xlsx|html] [--out FILE] [--lang en|ru] [--email]`: by default yesterday, the 7 days up
 * to it, or last month (`--date` names the day, the week's first day, or any day of the month), as
 * text on the terminal in `--lang` (default SYNCLOG_REPORT_LANGUAGE, else en). `--lang` also makes
 * CSV and XLSX the reader's table, as `?lang=` does over HTTP. `--email` also mails it to the
 * report's recipients in SYNCLOG_REPORTS, each in their own language.
 */
export async function reportCommand(
  kindName: string | undefined,
  values: {
    date?: string | undefined;
    'time-zone'?: string | undefined;
    json?: boolean | undefined;
    format?: string | undefined;
    out?: string | undefined;
    email?: boolean | undefined;
    lang?: string | undefined;
  },
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  const kind = KINDS[kindName as keyof typeof KINDS];
  if (!kind) throw new ConfigError([{ variable: 'report', message: 'expected daily, weekly or monthly' }]);
  const format = chosenFormat(values);
  if (format === 'xlsx' && !values.out)
    throw new ConfigError([{ variable: '--out', message: 'xlsx is a binary file: name one with --out' }]);
  if (values.lang !== undefined && !isLocale(values.lang))
    throw new ConfigError([{ variable: '--lang', message: `expected ${LOCALES.join(' or ')}` }]);
  const config = serviceConfigFromEnv(env);
  const settings = config.reports;
  const locale: Locale = values.lang ?? settings.delivery.SYNCLOG_REPORT_LANGUAGE;
  const timeZone = values['time-zone'] ?? settings.timeZone;
  const parsed = dailyReportQuerySchema.safeParse({ date: values.date ?? '2000-01-01', time_zone: timeZone });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError([
      { variable: issue.path[0] === 'time_zone' ? '--time-zone' : '--date', message: issue.message },
    ]);
  }
  const targets = targetsOf(settings.delivery, kind);
  if (values.email && targets.to.length === 0)
    throw new ConfigError([{ variable: 'SYNCLOG_REPORTS', message: `names no recipients for the ${kind} report` }]);

  const request = values.date ? periodOfDate(kind, values.date) : completedPeriod(kind, new Date(), timeZone);
  const { names } = config.setup;
  const { client } = await connect(config.opensearch, env, (line) => !format && say(line));
  try {
    const progress = startProgress(`building the ${kind} report`);
    // The labels setup recorded, as the routes and the scheduled mails use them.
    const labels = await vocabularyLabelsFrom(client, names.meta)();
    const readerIn = (language: Locale) => createReader(language, timeZone, labels);
    const report = await buildReport(client, names, request, timeZone, readerIn(locale)).finally(() => progress.stop());
    if (format) {
      const forReader = values.lang !== undefined;
      const rendered = await renderReport(report.doc, report.data, format, { forReader });
      if (values.out) {
        await writeFile(values.out, rendered.body);
        console.error(`wrote ${values.out}`);
      } else say(String(rendered.body).trimEnd());
    } else for (const line of reportTextLines(report.doc)) say(line);
    if (values.email) {
      const { SYNCLOG_SMTP_URL, SYNCLOG_MAIL_FROM } = settings.delivery;
      const accessLog = commandAccessLog(client, names);
      const outcome = await deliverReport(
        report,
        { ...targets, webhooks: [] },
        {
          mailer: createReportMailer(SYNCLOG_SMTP_URL!, SYNCLOG_MAIL_FROM),
          runId: null,
          readerIn,
          beforeSend: reportSendAudit(accessLog, commandUser(), report, `report ${kind} --email`),
        },
      ).finally(() => accessLog.close());
      for (const f of outcome.failed) console.error(`synclog: mail not sent: ${f.error}`);
      if (outcome.failed.length > 0) return 1;
      console.error(`mailed to ${targets.to.join(', ')}`);
    }
    return 0;
  } finally {
    await client.close();
  }
}

/** `--format`, else the `--out` file's extension, else `--json`; undefined means text for a terminal. */
function chosenFormat(values: {
  json?: boolean | undefined;
  format?: string | undefined;
  out?: string | undefined;
}): ReportFormat | undefined {
  const named = values.format ?? (values.out ? extname(values.out).slice(1) : values.json ? 'json' : undefined);
  if (named === undefined) return undefined;
  if (!(REPORT_FORMATS as readonly string[]).includes(named))
    throw new ConfigError([
      { variable: values.format ? '--format' : '--out', message: `expected ${REPORT_FORMATS.join(', ')}` },
    ]);
  return named as ReportFormat;
}
