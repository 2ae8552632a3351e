import { z } from 'zod';
import { envJson } from '../../../opensearch/config/parse-env.ts';
import { LOCALES, type Locale } from '../../../opensearch/i18n/locale.ts';
import type { ReportKind } from '../formats/report-document.ts';
import { inLanguage } from './target-language.ts';

const reportTargets = z.strictObject({
  /** Mail recipients; `ru:admin@example.ru` mails one in Russian, whatever `SYNCLOG_REPORT_LANGUAGE` says. */
  to: z.array(inLanguage(z.email())).default([]),
  /** URLs the report is POSTed to as JSON; `ru:https://…` words its title and summary in Russian. */
  webhooks: z.array(inLanguage(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }))).default([]),
  /** The mail's attachment. Default xlsx. */
  attachment: z.enum(['csv', 'xlsx']).default('xlsx'),
});

export type ReportTargets = z.infer<typeof reportTargets> & {
  /** The language of targets without a prefix. Default en. */
  readonly language?: Locale;
};

const reportDeliveryShape = {
  /** `smtp://user:pass@host:587` or `smtps://…:465`: the mail server reports are sent through. */
  SYNCLOG_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected smtp://host:port or smtps://host:port' }).optional(),
  /** Default `synclog <synclog@localhost>`. */
  SYNCLOG_MAIL_FROM: z.string().min(3).default('synclog <synclog@localhost>'),
  /** The language of report mails and webhook texts whose target names none (`ru:…`). Default en. */
  SYNCLOG_REPORT_LANGUAGE: z.enum(LOCALES).default('en'),
  /**
   * JSON, per report: `{"daily": {"to": ["ops@example.com"], "webhooks": ["https://hooks.example.com/r"],
   * "attachment": "csv"}, "weekly": {…}, "monthly": {…}}`. A report with neither recipients nor
   * webhooks is not sent (its job stays disabled).
   */
  SYNCLOG_REPORTS: envJson(
    z.strictObject({
      daily: reportTargets.optional(),
      weekly: reportTargets.optional(),
      monthly: reportTargets.optional(),
    }),
  ).default({}),
};

/** A report that names recipients needs a mail server; checked wherever these variables are composed. */
export function checkReportDelivery(env: z.infer<z.ZodObject<typeof reportDeliveryShape>>, ctx: z.RefinementCtx): void {
  const mailed = Object.entries(env.SYNCLOG_REPORTS).filter(([, t]) => t && t.to.length > 0);
  if (mailed.length > 0 && !env.SYNCLOG_SMTP_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['SYNCLOG_SMTP_URL'],
      message: `required to mail the ${mailed.map(([kind]) => kind).join(', ')} report (SYNCLOG_REPORTS names recipients)`,
    });
  }
}

/** Where scheduled reports go. */
export const reportDeliveryEnvSchema = z.object(reportDeliveryShape).superRefine(checkReportDelivery);

export type ReportDeliveryEnv = z.infer<typeof reportDeliveryEnvSchema>;

/** What the report jobs need from the environment. */
export interface ReportSettings {
  readonly timeZone: string;
  readonly delivery: ReportDeliveryEnv;
}

const NONE: ReportTargets = { to: [], webhooks: [], attachment: 'xlsx' };

/** A report's targets, with the language of those that name none. */
export const targetsOf = (delivery: ReportDeliveryEnv, kind: ReportKind): ReportTargets => ({
  ...(delivery.SYNCLOG_REPORTS[kind] ?? NONE),
  language: delivery.SYNCLOG_REPORT_LANGUAGE,
});
