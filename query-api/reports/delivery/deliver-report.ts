import type { Locale } from '../../../opensearch/i18n/locale.ts';
import { createReader, type Reader } from '../../reader/reader.ts';
import { STORY_LABELS } from '../../reader/vocabulary-labels.ts';
import type { BuiltReport } from '../build-report.ts';
import { targetKey, type Delivery } from './delivery-log.ts';
import { postReportWebhook } from './post-report-webhook.ts';
import type { ReportTargets } from './report-delivery-env.ts';
import { reportMail } from './report-mail.ts';
import type { ReportMailer } from './report-mailer.ts';
import { targetInLanguage } from './target-language.ts';

export interface DeliveryOutcome {
  readonly delivered: readonly string[];
  /** Targets reached by an earlier attempt of the same run. */
  readonly skipped: readonly string[];
  readonly failed: ReadonlyArray<{ readonly target: string; readonly error: string }>;
}

export interface DeliveryDeps {
  /** Required when `targets.to` names recipients. */
  readonly mailer?: ReportMailer;
  /** The scheduler's run id: sent as a mail header and the webhooks' idempotency key. */
  readonly runId: string | null;
  /** Targets (`<channel>:<target>`) already reached: not sent again. */
  readonly reached?: ReadonlySet<string>;
  /**
   * Called before the report goes to a target (its recipients, or a webhook): records who is sent
   * what. Its rejection fails that target, so nothing is sent unrecorded.
   */
  readonly beforeSend: (channel: Delivery['channel'], recipients: readonly string[]) => Promise<void>;
  /** Called after each target took the report, before the next is tried. */
  readonly onDelivered?: (channel: Delivery['channel'], target: string, detail: string) => Promise<void>;
  /** The reader of a language (its labels); default: the story's labels, in the report's time zone. */
  readonly readerIn?: (locale: Locale) => Reader;
}

/** The recipients of each language, in the order the configuration first names the language. */
function recipientsByLanguage(targets: ReportTargets): Map<Locale, string[]> {
  const groups = new Map<Locale, string[]>();
  for (const configured of targets.to) {
    const { target, locale } = targetInLanguage(configured, targets.language ?? 'en');
    groups.set(locale, [...(groups.get(locale) ?? []), target]);
  }
  return groups;
}

/**
 * Sends a report to its targets: one mail to the recipients of each language (HTML body, report
 * attached), then a POST to each webhook, each worded in its target's language. Every target is
 * tried; the outcome says which failed.
 */
export async function deliverReport(
  report: BuiltReport,
  targets: ReportTargets,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome> {
  const delivered: string[] = [];
  const skipped: string[] = [];
  const failed: Array<{ target: string; error: string }> = [];
  const readerIn = deps.readerIn ?? ((locale: Locale) => createReader(locale, report.doc.time_zone, STORY_LABELS));
  const documentIn = (locale: Locale) =>
    locale === report.doc.locale ? report.doc : report.documentFor(readerIn(locale));
  const attempt = async (channel: Delivery['channel'], recipients: readonly string[], send: () => Promise<string>) => {
    const target = recipients.join(',');
    const key = targetKey(channel, target);
    if (deps.reached?.has(key)) {
      skipped.push(key);
      return;
    }
    try {
      await deps.beforeSend(channel, recipients);
      const detail = await send();
      await deps.onDelivered?.(channel, target, detail);
      delivered.push(key);
    } catch (error) {
      failed.push({ target: key, error: (error as Error).message ?? String(error) });
    }
  };
  for (const [locale, recipients] of recipientsByLanguage(targets)) {
    await attempt('email', recipients, async () => {
      if (!deps.mailer) throw new Error('no mail server configured (SYNCLOG_SMTP_URL)');
      const headers: Record<string, string> = deps.runId ? { 'X-Synclog-Run': deps.runId } : {};
      const mail = await reportMail({ doc: documentIn(locale), data: report.data }, targets.attachment, headers);
      return deps.mailer.send(recipients, mail);
    });
  }
  for (const configured of targets.webhooks) {
    const { target: url, locale } = targetInLanguage(configured, targets.language ?? 'en');
    await attempt(
      'webhook',
      [url],
      async () => `HTTP ${await postReportWebhook(url, { doc: documentIn(locale), data: report.data }, deps.runId)}`,
    );
  }
  return { delivered, skipped, failed };
}
