import { z } from 'zod';
import { envJson } from '../../opensearch/config/parse-env.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES } from '../../opensearch/alerting/alert-rules.ts';
import { LOCALES } from '../../opensearch/i18n/locale.ts';

const urlList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'expected http(s) URLs, comma-separated' })));

/** Alerting's environment variables. */
export const alertEnvSchema = z.object({
  /** JSON array of rules; default: error rate, error bursts, critical records, slow operations, missing data. */
  SYNCLOG_ALERT_RULES: envJson(alertRulesSchema).default([...DEFAULT_ALERT_RULES]),
  /** Where firing and resolved events are POSTed, comma-separated. */
  SYNCLOG_ALERT_WEBHOOKS: urlList.default([]),
  /** HMAC key: signs every webhook (`X-Synclog-Signature`); the receiver accepts events signed with it. */
  SYNCLOG_ALERT_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** The shared secret `POST /alerts/webhook` requires in `X-Synclog-Alert-Secret`; unset, the receiver is off. */
  SYNCLOG_ALERT_RECEIVER_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** The language of alert summaries, on either executor: `en` (default) or `ru`. */
  SYNCLOG_ALERT_LANGUAGE: z.enum(LOCALES).default('en'),
});

export type AlertEnv = z.infer<typeof alertEnvSchema>;
