import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { INDEX_PERIODS } from '../../opensearch/record/index-period.ts';
import { indexPrefixSchema } from '../../opensearch/record/index-names.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { DEFAULT_CLOCK_SKEW_MS } from '../../opensearch/record/event-window.ts';
import { PRESETS, policyDefinitionSchema } from '../../opensearch/privacy/personal-data-policy.ts';

const MiB = 1024 * 1024;
const positive = z.number().int().positive();

/**
 * The transport's options, validated once at construction; an invalid option throws naming it.
 * Every default is here and in docs/shipping-logs.md (a test keeps the two equal).
 */
export const shipperOptionsSchema = z.strictObject({
  /** `service.name` of every record. Required. */
  service: z.string().min(1).max(256),
  environment: z.string().max(256).optional(),
  version: z.string().max(256).optional(),
  /** Default `synclog`: must match the prefix `synclog setup` used. */
  indexPrefix: indexPrefixSchema.default('synclog'),
  /** Default `month`: must match the cluster's `SYNCLOG_INDEX_PERIOD`. */
  indexPeriod: z.enum(INDEX_PERIODS).default('month'),
  /**
   * Default 730: days after its period ended that a log index is deleted (the lifecycle's
   * `SYNCLOG_RETENTION_DELETE_DAYS`). A record older than that is dead-lettered
   * (`event_time_expired`) and never creates an index.
   */
  retentionDays: positive.default(730),
  /**
   * Default 300 000 ms (5 min): how far ahead of this process's clock an event time may be. A later
   * one is stored at its arrival time, flagged `event_time_future`, with the original kept.
   */
  clockSkewMs: z
    .number()
    .int()
    .nonnegative()
    .max(7 * 86_400_000)
    .default(DEFAULT_CLOCK_SKEW_MS),
  /** Default the product story's operation types: values outside the list are stored flagged (`operation_type_unknown`). */
  operationTypes: z
    .array(z.string().min(1).max(256))
    .min(1)
    .default([...OPERATION_TYPES]),
  /** Default the product story's statuses: values outside the list are stored flagged (`status_unknown`). */
  statuses: z
    .array(z.string().min(1).max(256))
    .min(1)
    .default([...STATUSES]),
  /** Names this process's records (`producer_id` = `<producerName>-<unique suffix>`). Default: host name. */
  producerName: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/)
    .optional(),

  /** Default 100 000 records / 64 MiB: the in-memory bound, and what a crash can lose without write-ahead. */
  maxQueueRecords: positive.default(100_000),
  maxQueueBytes: positive.default(64 * MiB),
  /** Default 5 000 records / 5 MiB per bulk request (far below OpenSearch's indexing-pressure limit). */
  batchRecords: positive.default(5_000),
  batchBytes: positive.default(5 * MiB),
  /** Default 1 000 ms: a batch is sent at most this long after its first record was queued. */
  flushIntervalMs: positive.default(1_000),
  /** Default 2 bulk requests in flight. */
  maxInFlight: z.number().int().min(1).max(16).default(2),
  /** Default 30 000 ms per bulk request. */
  requestTimeoutMs: positive.default(30_000),
  /** Default 60 000 ms: how long a batch is retried before it is spooled (or dropped without a spool). */
  retryDeadlineMs: positive.default(60_000),
  /** Default 100 ms first backoff, doubling with full jitter up to `maxBackoffMs` (default 10 000 ms). */
  initialBackoffMs: positive.default(100),
  maxBackoffMs: positive.default(10_000),
  /**
   * Default 5 000 ms: while the cluster is down, one light request checks on it, first after
   * ~500 ms, then at growing intervals up to this one. It bounds how long deliveries stay paused
   * after the cluster is back.
   */
  maxProbeIntervalMs: positive.default(5_000),

  /** Default `<tmpdir>/synclog-spool/<service>`: set a persistent directory in production. `false` disables the spool. */
  spoolDir: z.union([z.string().min(1), z.literal(false)]).optional(),
  /** Default 1 GiB on disk per producer. */
  maxSpoolBytes: positive.default(1024 * MiB),
  /** Default `interval`: fdatasync every second; `always` syncs every append, `never` leaves it to the OS. */
  spoolFsync: z.enum(['always', 'interval', 'never']).default('interval'),
  /** Default `drop-oldest`. */
  spoolWhenFull: z.enum(['drop-newest', 'drop-oldest']).default('drop-oldest'),
  /** Default false. When true every record is on disk before `log()` returns. */
  writeAhead: z.boolean().default(false),
  /** Where dead letters go when the dead-letter index cannot be reached. Default `<spoolDir>/dead-letters.ndjson`. */
  deadLetterFile: z.string().optional(),
  /**
   * Default `<spoolDir>/checkpoints/signing-key.pem`, created on first start: the Ed25519 private key
   * (PKCS#8 PEM) that signs the chain's checkpoints. The auditor holds the public key.
   */
  signingKeyFile: z.string().min(1).optional(),
  /** Default 1 000: a signed checkpoint of the record chain after this many records. */
  checkpointRecords: positive.default(1_000),
  /** Default 10 000 ms: a checkpoint this long after the last one, when records came since. */
  checkpointIntervalMs: positive.default(10_000),
  /** Default `synclog_shipper_`: metric name prefix, for two transports sharing one registry. */
  metricsPrefix: z
    .string()
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/)
    .default('synclog_shipper_'),
  /** Default 10 000 ms: drops are logged at most once per interval. */
  dropReportIntervalMs: positive.default(10_000),

  /**
   * Default `SYNCLOG_PERSONAL_DATA_POLICY`, else `keep`: what happens to personal data before a
   * record is queued (`keep`, `strict`, or a policy definition; docs/compliance.md).
   */
  personalData: z.union([z.enum(PRESETS), policyDefinitionSchema]).optional(),
  /**
   * Default `SYNCLOG_PERSONAL_DATA_KEYS_FILE` (or the inline `SYNCLOG_PERSONAL_DATA_KEYS`): the
   * hashing keys, `<key id>:<secret>` lines, newest first. Required by a policy that hashes.
   */
  personalDataKeysFile: z.string().min(1).optional(),
});

export type ShipperOptionsInput = z.input<typeof shipperOptionsSchema>;
export type ShipperOptions = z.output<typeof shipperOptionsSchema> & { spoolDir: string | false; producerName: string };

export class ShipperOptionsError extends Error {
  override readonly name = 'ShipperOptionsError';
}

/** Validates options, fills the defaults that depend on others, and clamps contradictions. */
export function resolveShipperOptions(
  input: ShipperOptionsInput,
  warn: (message: string) => void = () => {},
): ShipperOptions {
  const parsed = shipperOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(options)'}: ${i.message}`);
    throw new ShipperOptionsError(`invalid OpenSearchTransport options: ${problems.join('; ')}`);
  }
  const o = parsed.data;
  const safeService = o.service.replace(/[^A-Za-z0-9._-]/g, '_');
  const resolved: ShipperOptions = {
    ...o,
    spoolDir: o.spoolDir ?? join(tmpdir(), 'synclog-spool', safeService),
    producerName:
      o.producerName ??
      hostname()
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .slice(0, 100),
  };
  if (resolved.writeAhead && resolved.spoolDir === false) {
    throw new ShipperOptionsError(
      'invalid OpenSearchTransport options: writeAhead: needs a spool directory (spoolDir is false)',
    );
  }
  if (resolved.batchBytes > resolved.maxQueueBytes) {
    warn(
      `batchBytes ${resolved.batchBytes} exceeds maxQueueBytes ${resolved.maxQueueBytes}; using ${resolved.maxQueueBytes}`,
    );
    resolved.batchBytes = resolved.maxQueueBytes;
  }
  if (resolved.batchRecords > resolved.maxQueueRecords) {
    warn(
      `batchRecords ${resolved.batchRecords} exceeds maxQueueRecords ${resolved.maxQueueRecords}; using ${resolved.maxQueueRecords}`,
    );
    resolved.batchRecords = resolved.maxQueueRecords;
  }
  if (resolved.initialBackoffMs > resolved.maxBackoffMs) {
    warn(`initialBackoffMs exceeds maxBackoffMs; using ${resolved.maxBackoffMs}`);
    resolved.initialBackoffMs = resolved.maxBackoffMs;
  }
  return resolved;
}
