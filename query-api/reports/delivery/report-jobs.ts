import type { OpenSearchClient } from '../../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../../opensearch/record/index-names.ts';
import type { Locale } from '../../../opensearch/i18n/locale.ts';
import type { AccessLogWriter } from '../../audit/access-log-writer.ts';
import { createReader } from '../../reader/reader.ts';
import { vocabularyLabelsFrom, type VocabularyLabels } from '../../reader/vocabulary-labels.ts';
import type { ScheduledJob } from '../../scheduler/scheduled-job.ts';
import { buildReport, completedPeriod } from '../build-report.ts';
import type { ReportKind } from '../formats/report-document.ts';
import { deliverReport } from './deliver-report.ts';
import { deliveryLog } from './delivery-log.ts';
import { targetsOf, type ReportSettings } from './report-delivery-env.ts';
import { createReportMailer, type ReportMailer } from './report-mailer.ts';
import { reportSendAudit } from './report-send-audit.ts';

/** Default schedules, read in the report time zone: daily at 07:00, Mondays at 07:00, the 1st at 07:00. */
const SCHEDULES: Record<ReportKind, string> = { daily: '0 7 * * *', weekly: '0 7 * * 1', monthly: '0 7 1 * *' };

/**
 * `report-daily`, `report-weekly` and `report-monthly`: each period, the report of the last complete
 * day, week or month is built and sent to its targets. The scheduler's run records make each
 * period's send happen once across instances; a failed target fails the run, which the scheduler
 * retries with backoff (targets already reached are skipped) and in the end records as failed.
 * A report without targets is a disabled job.
 */
export function reportJobs(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  settings: ReportSettings;
  /** Where each send is recorded before it is made. */
  accessLog: AccessLogWriter;
  mailer?: ReportMailer;
  /** Operation type and status labels; default: as setup recorded them in its metadata. */
  labels?: () => Promise<VocabularyLabels>;
}): ScheduledJob[] {
  const { client, names, settings } = deps;
  const labels = deps.labels ?? vocabularyLabelsFrom(client, names.meta);
  const { SYNCLOG_SMTP_URL, SYNCLOG_MAIL_FROM } = settings.delivery;
  const mailer =
    deps.mailer ?? (SYNCLOG_SMTP_URL ? createReportMailer(SYNCLOG_SMTP_URL, SYNCLOG_MAIL_FROM) : undefined);
  const log = deliveryLog(client, names.reportDeliveries);
  return (['daily', 'weekly', 'monthly'] as const).map((kind): ScheduledJob => {
    const targets = targetsOf(settings.delivery, kind);
    return {
      name: `report-${kind}`,
      cron: SCHEDULES[kind],
      timezone: settings.timeZone,
      enabled: targets.to.length > 0 || targets.webhooks.length > 0,
      maxAttempts: 5,
      async handler({ period, runId }) {
        const request = completedPeriod(kind, period, settings.timeZone);
        const known = await labels();
        const readerIn = (locale: Locale) => createReader(locale, settings.timeZone, known);
        const language = settings.delivery.SYNCLOG_REPORT_LANGUAGE;
        const report = await buildReport(client, names, request, settings.timeZone, readerIn(language));
        const outcome = await deliverReport(report, targets, {
          mailer,
          runId,
          readerIn,
          beforeSend: reportSendAudit(
            deps.accessLog,
            { id: `scheduler:${runId}`, role: 'system' },
            report,
            `report-${kind}`,
          ),
          reached: await log.reached(runId),
          onDelivered: (channel, target, detail) =>
            log.record({
              run_id: runId,
              report: kind,
              period: report.doc.period,
              channel,
              target,
              delivered_at: new Date().toISOString(),
              detail: detail.slice(0, 500),
            }),
        });
        if (outcome.failed.length > 0) {
          const reached = outcome.delivered.length + outcome.skipped.length;
          throw new Error(
            `${kind} report ${report.doc.period}: ${outcome.failed.map((f) => `${f.target}: ${f.error}`).join('; ')} (${reached} other target(s) reached)`,
          );
        }
        return { report: report.doc.period, delivered: outcome.delivered, skipped: outcome.skipped };
      },
    };
  });
}
