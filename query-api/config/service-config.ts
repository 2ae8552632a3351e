import { z } from 'zod';
import { openSearchEnvSchema, type OpenSearchEnv } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { synclogHome } from '../../opensearch/local/local-paths.ts';
import {
  personalDataConfig,
  personalDataEnvSchema,
  type PersonalDataConfig,
} from '../../opensearch/privacy/personal-data-env.ts';
import { setupConfigFromEnv, type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { alertEnvSchema, type AlertEnv } from '../alerts/alert-env.ts';
import { authEnvSchema, type AuthEnv } from '../auth/api-tokens.ts';
import {
  checkReportDelivery,
  reportDeliveryEnvSchema,
  type ReportSettings,
} from '../reports/delivery/report-delivery-env.ts';
import { schedulerEnvSchema, type SchedulerEnv } from '../scheduler/scheduler-config.ts';
import { serviceEnvSchema, type ServiceEnv } from '../service-env.ts';

/**
 * Each feature's own schema, keyed by the slice of `ServiceConfig` it fills. The OpenSearch layer's
 * variables (connection, indices, lifecycle, local node) come first: the CLI's other commands read
 * them alone.
 */
export const SERVICE_CONFIG_FEATURES = {
  opensearch: openSearchEnvSchema,
  http: serviceEnvSchema,
  auth: authEnvSchema,
  scheduler: schedulerEnvSchema,
  reports: reportDeliveryEnvSchema,
  alerts: alertEnvSchema,
  privacy: personalDataEnvSchema,
} as const;

export type ServiceConfigFeature = keyof typeof SERVICE_CONFIG_FEATURES;

/**
 * Every variable of the service, composed from the features' schemas: the environment is parsed
 * with this schema once, so one start-up error lists every bad variable.
 */
export const serviceConfigSchema = z
  .object({
    ...openSearchEnvSchema.shape,
    ...serviceEnvSchema.shape,
    ...authEnvSchema.shape,
    ...schedulerEnvSchema.shape,
    ...reportDeliveryEnvSchema.shape,
    ...alertEnvSchema.shape,
    ...personalDataEnvSchema.shape,
  })
  .superRefine(checkReportDelivery);

/** The service's configuration, one typed slice per feature. */
export interface ServiceConfig {
  readonly opensearch: OpenSearchEnv;
  /** What setup applies (index names, periods, the lifecycle policy), derived from `opensearch`. */
  readonly setup: SetupConfig;
  /** Listening address, circuit breaker, query limits, the reports' time zone. */
  readonly http: ServiceEnv;
  readonly auth: AuthEnv;
  readonly scheduler: SchedulerEnv;
  readonly reports: ReportSettings;
  readonly alerts: AlertEnv;
  /** The personal data policy and its hashing keys (files read at start-up). */
  readonly privacy: PersonalDataConfig;
  /** `SYNCLOG_HOME`: the local node, the generated API token, the access log's write-ahead log. */
  readonly home: string;
}

/** The variables of one feature's schema, out of the composed result. */
function sliceOf<F extends ServiceConfigFeature>(
  feature: F,
  parsed: Record<string, unknown>,
): z.infer<(typeof SERVICE_CONFIG_FEATURES)[F]> {
  const keys = Object.keys(SERVICE_CONFIG_FEATURES[feature].shape);
  return Object.fromEntries(keys.filter((key) => key in parsed).map((key) => [key, parsed[key]])) as z.infer<
    (typeof SERVICE_CONFIG_FEATURES)[F]
  >;
}

/**
 * The one place the service reads its environment. A bad value throws a `ConfigError` naming every
 * offending variable, so start-up stops before touching any cluster.
 */
export function serviceConfigFromEnv(env: Record<string, string | undefined>): ServiceConfig {
  const parsed = parseEnv(serviceConfigSchema, env) as Record<string, unknown>;
  const opensearch = sliceOf('opensearch', parsed);
  const http = sliceOf('http', parsed);
  return {
    opensearch,
    setup: setupConfigFromEnv(opensearch),
    http,
    auth: sliceOf('auth', parsed),
    scheduler: sliceOf('scheduler', parsed),
    reports: { timeZone: http.SYNCLOG_REPORT_TIMEZONE, delivery: sliceOf('reports', parsed) },
    alerts: sliceOf('alerts', parsed),
    privacy: personalDataConfig(sliceOf('privacy', parsed)),
    home: synclogHome(env),
  };
}
