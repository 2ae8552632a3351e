import type { BuiltReport } from '../build-report.ts';
import { targetKey, type Delivery } from './delivery-log.ts';
import { postReportWebhook } from './post-report-webhook.ts';
import type { ReportTargets } from './report-delivery-env.ts';
import { reportMail } from './report-mail.ts';
import type { ReportMailer } from './report-mailer.ts';

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
}

/**
 * Sends a report to its targets: one mail to all recipients (HTML body, report attached), then a
 * POST to each webhook. Every target is tried; the outcome says which failed.
 */
export async function deliverReport(
  report: BuiltReport,
  targets: ReportTargets,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome> {
  const delivered: string[] = [];
  const skipped: string[] = [];
  const failed: Array<{ target: string; error: string }> = [];
  const attempt = async (channel: Delivery['channel'], target: string, send: () => Promise<string>) => {
    const key = targetKey(channel, target);
    if (deps.reached?.has(key)) {
      skipped.push(key);
      return;
    }
    try {
      await deps.beforeSend(channel, channel === 'email' ? targets.to : [target]);
      const detail = await send();
      await deps.onDelivered?.(channel, target, detail);
      delivered.push(key);
    } catch (error) {
      failed.push({ target: key, error: (error as Error).message ?? String(error) });
    }
  };
  if (targets.to.length > 0) {
    await attempt('email', targets.to.join(','), async () => {
      if (!deps.mailer) throw new Error('no mail server configured (SYNCLOG_SMTP_URL)');
      const mail = await reportMail(report, targets.attachment, deps.runId ? { 'X-Synclog-Run': deps.runId } : {});
      return deps.mailer.send(targets.to, mail);
    });
  }
  for (const url of targets.webhooks)
    await attempt('webhook', url, async () => `HTTP ${await postReportWebhook(url, report, deps.runId)}`);
  return { delivered, skipped, failed };
}
