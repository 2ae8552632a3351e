import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { SyncMetrics } from './sync-metrics.ts';

/**
 * Marks a log call whose operation a sync logger already counted in its metrics, so a transport
 * given the same metrics does not count it twice.
 */
export const OPERATION_COUNTED = Symbol.for('synclog.operation-counted');

/**
 * Counts a stored operation record (one with an `operation_key` and a status) in the sync
 * metrics: plain `logger.info(…, { operation_type, status })` calls count like the sync loggers'
 * records. Labels stay closed: codes outside the story's become `other` in the metrics.
 */
export function countOperation(
  metrics: SyncMetrics | undefined,
  info: Record<string | symbol, unknown>,
  record: SyncLogRecord,
): void {
  if (!metrics || record.operation_key === undefined || info[OPERATION_COUNTED] === true) return;
  const status = info.status;
  if (status === undefined || status === null) return;
  const type = typeof info.operation_type === 'string' ? info.operation_type : 'other';
  metrics.recordOperation(type, String(status), record.duration_ms);
  if (status === 'error') metrics.recordError(type, info.error ?? record.error_type);
}
