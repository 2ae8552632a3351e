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
  CustomerTransferInput,
  DataValidationInput,
  MeasureOptions,
  SyncChangesInput,
  SyncErrorInput,
  SyncRun,
} from './customer-sync-inputs.ts';
import {
  batchDetails,
  batchStatus,
  changesDetails,
  conflictDetails,
  conflictStatus,
  validationDetails,
  validationStatus,
} from './customer-sync-details.ts';
import { syncRecordInfo, type SyncRecordParts } from './customer-sync-record.ts';
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
  logCustomerImport(input: CustomerTransferInput): string;
  logCustomerExport(input: CustomerTransferInput): string;
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

  function emit(parts: Omit<SyncRecordParts, 'operationId'> & { readonly operationId?: string | undefined }): string {
    const operationId = parts.operationId ?? newId();
    const info = syncRecordInfo({ ...parts, operationId }, currentContext());
    // Counted here: a transport given the same metrics leaves it alone.
    if (metrics) (info as Record<symbol, unknown>)[OPERATION_COUNTED] = true;
    writeInfo(logger, info);
    metrics?.recordOperation(parts.operationType, parts.status, parts.durationMs);
    if (parts.status === 'error') metrics?.recordError(parts.operationType, parts.error);
    return operationId;
  }

  function transfer(operationType: OperationType, input: CustomerTransferInput): string {
    const { result } = input;
    return emit({
      operationId: input.operationId,
      message: input.message,
      operationType,
      status: result.status,
      customer: input.customer,
      durationMs: result.durationMs,
      details: { ...result.details, created_new: result.createdNew },
      error: input.error,
    });
  }

  return {
    logCustomerImport: (input) => transfer('import_from_1c', input),
    logCustomerExport: (input) => transfer('export_to_1c', input),
    logConflictResolution(input) {
      return emit({
        ...common(input),
        operationType: 'conflict_resolution',
        status: conflictStatus(input),
        customer: input.customer,
        durationMs: input.result?.durationMs,
        details: conflictDetails(input),
      });
    },
    logSyncError(input) {
      return emit({
        ...common(input),
        operationType: input.operationType,
        status: 'error',
        customer: input.customer,
        durationMs: input.durationMs,
        details: { ...input.details },
        error: input.error,
      });
    },
    logDataValidation(input) {
      return emit({
        ...common(input),
        operationType: 'data_validation',
        status: validationStatus(input),
        customer: input.customer,
        durationMs: input.durationMs,
        details: validationDetails(input),
      });
    },
    logBatchOperation(input) {
      return emit({
        ...common(input),
        operationType: 'batch_operation',
        status: batchStatus(input),
        durationMs: input.durationMs,
        details: batchDetails(input),
        error: input.error,
      });
    },
    logSyncChanges(input) {
      return emit({
        ...common(input),
        operationType: 'sync_changes',
        status: input.result.status,
        customer: input.customer,
        durationMs: input.result.durationMs,
        details: changesDetails(input),
        error: input.error,
      });
    },
    measure(operationType, fn, options = {}) {
      const operationId = options.operationId ?? newId();
      return timeCall(
        clock,
        () => fn({ operationId }),
        (outcome) => {
          emit({
            ...common(options),
            operationId,
            operationType,
            status: outcome.ok ? 'success' : 'error',
            customer: options.customer,
            durationMs: outcome.durationMs,
            details: { ...options.details },
            error: outcome.ok ? undefined : outcome.error,
          });
        },
      );
    },
    startRun(fn) {
      const correlationId = newId();
      return runWithContext({ correlation_id: correlationId }, () => fn({ correlationId }));
    },
  };
}

function common(input: { readonly operationId?: string; readonly message?: string }) {
  return { operationId: input.operationId, message: input.message };
}
