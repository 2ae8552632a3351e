import { OPERATION_COUNTED } from '../metrics/count-operation.ts';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'winston';
import type { OperationType } from '../../opensearch/record/vocabulary.ts';
import { currentContext, runWithContext } from '../context/correlation-context.ts';
import type { SyncMetrics } from '../metrics/sync-metrics.ts';
import type {
  BatchOperationInput,
  ConflictResolutionInput,
  CustomerExportInput,
  CustomerImportInput,
  DataValidationInput,
  MeasureOptions,
  SyncChangesInput,
  SyncErrorInput,
  SyncRun,
} from './customer-sync-inputs.ts';
import {
  batchParts,
  changesParts,
  conflictParts,
  exportParts,
  importParts,
  measuredParts,
  syncErrorParts,
  validationParts,
  type SyncCallParts,
} from './customer-sync-parts.ts';
import { syncRecordInfo } from './customer-sync-record.ts';
import { timeCall } from './time-call.ts';
import { writeInfo } from './write-info.ts';

export interface CustomerSyncLoggerDeps {
  readonly logger: Logger;
  /** When given, every logged operation is also counted (and timed, when it has a duration). */
  readonly metrics?: SyncMetrics;
  /** Milliseconds, for durations only. Default `performance.now` (monotonic). */
  readonly clock?: () => number;
  /** Operation and correlation ids. Default `crypto.randomUUID`. */
  readonly newId?: () => string;
}

/** Logs customer sync operations with 1C as full records. Each `log*` call returns its operation id. */
export interface CustomerSyncLogger {
  logCustomerImport(input: CustomerImportInput): string;
  logCustomerExport(input: CustomerExportInput): string;
  logConflictResolution(input: ConflictResolutionInput): string;
  logSyncError(input: SyncErrorInput): string;
  logDataValidation(input: DataValidationInput): string;
  logBatchOperation(input: BatchOperationInput): string;
  logSyncChanges(input: SyncChangesInput): string;
  /**
   * Runs `fn` (sync or async) and logs one `success` or `error` record with its duration; the
   * result, or the thrown error, is passed through unchanged.
   */
  measure<R>(
    operationType: OperationType,
    fn: (operation: { readonly operationId: string }) => R,
    options?: MeasureOptions,
  ): R;
  /** Runs `fn` with a new correlation id, inherited by every record logged inside it. */
  startRun<R>(fn: (run: SyncRun) => R): R;
}

export function createCustomerSyncLogger(deps: CustomerSyncLoggerDeps): CustomerSyncLogger {
  const { logger, metrics } = deps;
  const clock = deps.clock ?? (() => performance.now());
  const newId = deps.newId ?? randomUUID;

  function emit(parts: SyncCallParts): string {
    const operationId = parts.operationId ?? newId();
    const info = syncRecordInfo({ ...parts, operationId }, currentContext());
    // Counted here: a transport given the same metrics leaves it alone.
    if (metrics) (info as Record<symbol, unknown>)[OPERATION_COUNTED] = true;
    writeInfo(logger, info);
    metrics?.recordOperation(parts.operationType, parts.status, parts.durationMs);
    if (parts.status === 'error') metrics?.recordError(parts.operationType, parts.error);
    return operationId;
  }

  return {
    logCustomerImport: (input) => emit(importParts(input)),
    logCustomerExport: (input) => emit(exportParts(input)),
    logConflictResolution: (input) => emit(conflictParts(input)),
    logSyncError: (input) => emit(syncErrorParts(input)),
    logDataValidation: (input) => emit(validationParts(input)),
    logBatchOperation: (input) => emit(batchParts(input)),
    logSyncChanges: (input) => emit(changesParts(input)),
    measure(operationType, fn, options = {}) {
      const operationId = options.operationId ?? newId();
      return timeCall(
        clock,
        () => fn({ operationId }),
        (outcome) => void emit(measuredParts(operationType, operationId, options, outcome)),
      );
    },
    startRun(fn) {
      const correlationId = newId();
      return runWithContext({ correlation_id: correlationId }, () => fn({ correlationId }));
    },
  };
}
