import { z } from 'zod';
import { INDEX_PERIODS } from '../record/index-period.ts';
import { indexPrefixSchema } from '../record/index-names.ts';
import { envBoolean, envInt } from './parse-env.ts';

/**
 * Every environment variable of the OpenSearch layer, with its default. Names here are the names
 * in docs/configuration.md and docker-compose.yml.
 */
export const connectionEnvSchema = z.object({
  /** Cluster URL(s), comma-separated. Unset: the service and CLI use the local node. */
  OPENSEARCH_URL: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'expected http(s) URL(s), comma-separated' })).min(1))
    .optional(),
  OPENSEARCH_USERNAME: z.string().optional(),
  OPENSEARCH_PASSWORD: z.string().optional(),
  OPENSEARCH_CA_FILE: z.string().optional(),
  OPENSEARCH_TLS_VERIFY: envBoolean.default(true),
  OPENSEARCH_REQUEST_TIMEOUT_MS: envInt(100, 600_000).default(30_000),
  /** Set to sign requests with AWS SigV4 (Amazon OpenSearch Service or Serverless). */
  OPENSEARCH_AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region such as eu-west-1')
    .optional(),
  OPENSEARCH_AWS_SERVICE: z.enum(['es', 'aoss']).default('es'),
});

export const indexEnvSchema = z.object({
  SYNCLOG_INDEX_PREFIX: indexPrefixSchema.default('synclog'),
  SYNCLOG_INDEX_PERIOD: z.enum(INDEX_PERIODS).default('month'),
  SYNCLOG_INDEX_SHARDS: envInt(1, 64).default(1),
  /** Unset: `auto_expand_replicas 0-1`, one replica as soon as there is a second node. */
  SYNCLOG_INDEX_REPLICAS: envInt(0, 16).optional(),
  /** Default 300000 (5 min): how far ahead of now an event time is believed; later ones are stored at arrival, flagged. */
  SYNCLOG_CLOCK_SKEW_MS: envInt(0, 604_800_000).default(300_000),
  /** A JSON file of an application's own operation types and statuses with their labels, beside the story's. */
  SYNCLOG_VOCABULARY_FILE: z.string().min(1).optional(),
});

export const lifecycleEnvSchema = z.object({
  SYNCLOG_RETENTION_HOT_DAYS: envInt(1, 36_500).default(90),
  SYNCLOG_RETENTION_DELETE_DAYS: envInt(1, 36_500).default(730),
  /** Default 1825: days after an index's period ended until its archive snapshot is deleted (never while held). */
  SYNCLOG_ARCHIVE_KEEP_DAYS: envInt(1, 36_500).default(1_825),
  /** Default self-managed: how the ISM rendering moves cold indices (`aws`: UltraWarm via warm_migration). */
  SYNCLOG_RETENTION_TARGET: z.enum(['self-managed', 'aws']).default('self-managed'),
  SYNCLOG_ARCHIVE_REPOSITORY: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  SYNCLOG_ARCHIVE_TYPE: z.enum(['fs', 's3']).default('fs'),
  /** fs: a directory under the nodes' `path.repo`; s3: `bucket` or `bucket/base/path`. */
  SYNCLOG_ARCHIVE_LOCATION: z.string().optional(),
  /** s3 on Amazon OpenSearch Service: the IAM role ARN the service assumes to write the archive bucket. */
  SYNCLOG_ARCHIVE_ROLE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'expected an IAM role ARN')
    .optional(),
});

export const localNodeEnvSchema = z.object({
  SYNCLOG_HOME: z.string().optional(),
  /** Which local cluster the service and CLI use when OPENSEARCH_URL is unset. */
  SYNCLOG_OPENSEARCH_CLUSTER: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "_" and "-"')
    .default('default'),
  SYNCLOG_OPENSEARCH_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'expected a version such as 3.8.0')
    .optional(),
  SYNCLOG_OPENSEARCH_ZIP: z.string().optional(),
  SYNCLOG_OPENSEARCH_PORT: envInt(1, 65_535).optional(),
  SYNCLOG_OPENSEARCH_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'expected a heap size such as 512m or 1g')
    .default('512m'),
  SYNCLOG_OPENSEARCH_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*$/)
    .default('synclog'),
  SYNCLOG_MAVEN_REPOSITORY: z.url().optional(),
});

export const openSearchEnvSchema = connectionEnvSchema
  .extend(indexEnvSchema.shape)
  .extend(lifecycleEnvSchema.shape)
  .extend(localNodeEnvSchema.shape)
  .extend({ NODE_ENV: z.enum(['development', 'production', 'test']).default('development') });

export type OpenSearchEnv = z.infer<typeof openSearchEnvSchema>;
export type ConnectionEnv = z.infer<typeof connectionEnvSchema>;
