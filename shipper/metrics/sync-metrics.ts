import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { createErrorClassifier, DEFAULT_MAX_ERROR_CLASSES } from './sync-metrics-error-class.ts';

/**
 * Counts and times sync operations for Prometheus. Every label value comes from a closed set
 * (the story's operation types and statuses, a bounded list of error class names): an
 * application's own codes count as `other`, and customer ids, e-mails and 1C ids never become
 * labels, whatever the caller passes. Reports and the console show every code; a time series per
 * code an application invents would not stay bounded.
 */
export interface SyncMetrics {
  /** One finished (or pending) operation; its duration is observed when given. */
  recordOperation(operationType: string, status: string, durationMs?: number): void;
  /** One failed operation, labelled by the class of `error` (`none` without one). */
  recordError(operationType: string, error: unknown): void;
  setQueueSize(size: number): void;
  setBacklog(size: number): void;
}

export interface SyncMetricsOptions {
  /** Default `synclog_`. Must be a valid Prometheus name prefix. */
  readonly prefix?: string;
  /** Default 50: distinct `error_class` values before new classes count as `other`. */
  readonly maxErrorClasses?: number;
}

/**
 * Seconds. Roughly ×1.5–2 apart from 10 ms to 60 s, so p95/p99 interpolated inside a bucket stay
 * within tens of percent of the truth across the whole range of 1C calls (a fast lookup to a
 * large batch), with two overflow buckets to show when operations exceed a minute.
 */
export const SYNC_DURATION_BUCKETS = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120,
] as const;

const PREFIX = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const OTHER = 'other';

/**
 * Registers the sync metrics in `registry` (injected: never the global one implicitly). Two
 * instances on two registries are independent. A second instance on the same registry with the
 * same prefix throws, naming the metric, before registering anything: prom-client refuses
 * duplicate names, and sharing one instance is what was meant.
 */
export function createSyncMetrics(registry: Registry, options: SyncMetricsOptions = {}): SyncMetrics {
  const prefix = options.prefix ?? 'synclog_';
  const maxErrorClasses = options.maxErrorClasses ?? DEFAULT_MAX_ERROR_CLASSES;
  if (!PREFIX.test(prefix))
    throw new Error(`createSyncMetrics: options.prefix ${JSON.stringify(prefix)} is not a valid metric name prefix`);
  if (!Number.isInteger(maxErrorClasses) || maxErrorClasses < 1) {
    throw new Error(`createSyncMetrics: options.maxErrorClasses must be a positive integer, got ${maxErrorClasses}`);
  }
  const names = {
    operations: `${prefix}sync_operations_total`,
    duration: `${prefix}sync_operation_duration_seconds`,
    errors: `${prefix}sync_errors_total`,
    queue: `${prefix}sync_queue_size`,
    backlog: `${prefix}sync_backlog`,
  };
  for (const name of Object.values(names)) {
    if (registry.getSingleMetric(name)) {
      throw new Error(
        `createSyncMetrics: the registry already holds ${name}; share one SyncMetrics per registry or pass another options.prefix`,
      );
    }
  }

  const registers = [registry];
  const operations = new Counter({
    name: names.operations,
    help: 'Sync operations logged, by operation type and status.',
    labelNames: ['operation_type', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: names.duration,
    help: 'Duration of sync operations in seconds, by operation type.',
    labelNames: ['operation_type'],
    buckets: [...SYNC_DURATION_BUCKETS],
    registers,
  });
  const errors = new Counter({
    name: names.errors,
    help: 'Failed sync operations, by operation type and error class (constructor name, bounded).',
    labelNames: ['operation_type', 'error_class'],
    registers,
  });
  const queue = new Gauge({ name: names.queue, help: 'Sync jobs waiting to run.', registers });
  const backlog = new Gauge({ name: names.backlog, help: 'Changes waiting to be synced.', registers });
  const classifier = createErrorClassifier(maxErrorClasses);

  return {
    recordOperation(operationType, status, durationMs) {
      const type = closed(OPERATION_TYPES, operationType);
      operations.inc({ operation_type: type, status: closed(STATUSES, status) });
      if (typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0) {
        duration.observe({ operation_type: type }, durationMs / 1000);
      }
    },
    recordError(operationType, error) {
      errors.inc({ operation_type: closed(OPERATION_TYPES, operationType), error_class: classifier.classOf(error) });
    },
    setQueueSize: (size) => queue.set(size),
    setBacklog: (size) => backlog.set(size),
  };
}

/** A story code as itself; any other value, an application's own code or a stray id, as `other`. */
function closed(allowed: readonly string[], value: string): string {
  return allowed.includes(value) ? value : OTHER;
}
