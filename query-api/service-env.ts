import { z } from 'zod';
import { envInt } from '../opensearch/config/parse-env.ts';
import { timeZoneSchema } from './reader/time-zone-schema.ts';

/** The HTTP service's own environment variables. */
export const serviceEnvSchema = z.object({
  /** Default 8080. */
  PORT: envInt(1, 65_535).default(8080),
  /** Default 127.0.0.1: the service is reachable from other hosts only when asked (0.0.0.0 in containers). */
  SYNCLOG_HTTP_HOST: z.string().default('127.0.0.1'),
  /** Default 5: OpenSearch failures in a row after which requests get a 503 at once… */
  SYNCLOG_BREAKER_FAILURES: envInt(1, 1_000).default(5),
  /** Default 5000: …for this long, before one request tries again. */
  SYNCLOG_BREAKER_COOLDOWN_MS: envInt(100, 600_000).default(5_000),
  /** Default UTC: the time zone reports cut their days in. */
  SYNCLOG_REPORT_TIMEZONE: timeZoneSchema.default('UTC'),
  /** Default 500: the largest page `GET /logs` serves. */
  SYNCLOG_MAX_PAGE_SIZE: envInt(1, 10_000).default(500),
  /** Default 3650: the longest time span one search may cover. */
  SYNCLOG_MAX_SPAN_DAYS: envInt(1, 36_500).default(3_650),
});

export type ServiceEnv = z.infer<typeof serviceEnvSchema>;
