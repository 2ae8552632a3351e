import type { OperationType } from '../../opensearch/record/vocabulary.ts';
import {
  batchDetails,
  batchStatus,
  changesDetails,
  conflictDetails,
  conflictStatus,
  validationDetails,
  validationStatus,
} from './customer-sync-details.ts';
import type {
  BatchOperationInput,
  ConflictResolutionInput,
  CustomerExportInput,
  CustomerImportInput,
  CustomerTransferInput,
  DataValidationInput,
  MeasureOptions,
  OperationInput,
  SyncChangesInput,
  SyncCustomer,
  SyncErrorInput,
} from './customer-sync-inputs.ts';
import type { SyncRecordParts } from './customer-sync-record.ts';
import { exportDetails, exportedCustomer, importDetails } from './customer-transfer-details.ts';
import type { CallOutcome } from './time-call.ts';

/** What one `log*` call records; the logger gives it a new operation id when the call brings none. */
export type SyncCallParts = Omit<SyncRecordParts, 'operationId'> & { readonly operationId?: string | undefined };

/**
 * Each `CustomerSyncLogger` method's input as the parts of its record: pure functions of the
 * input, so what a method records is settled here and the logger only writes and counts it.
 */

export const importParts = (input: CustomerImportInput): SyncCallParts =>
  transferParts('import_from_1c', input, input.customer, importDetails(input));

export const exportParts = (input: CustomerExportInput): SyncCallParts =>
  transferParts('export_to_1c', input, exportedCustomer(input), exportDetails(input));

export const conflictParts = (input: ConflictResolutionInput): SyncCallParts => ({
  ...common(input),
  operationType: 'conflict_resolution',
  status: conflictStatus(input),
  customer: input.customer,
  durationMs: input.result?.durationMs,
  details: conflictDetails(input),
});

export const syncErrorParts = (input: SyncErrorInput): SyncCallParts => ({
  ...common(input),
  operationType: input.operationType,
  status: 'error',
  customer: input.customer,
  durationMs: input.durationMs,
  details: { ...input.details },
  error: input.error,
});

export const validationParts = (input: DataValidationInput): SyncCallParts => ({
  ...common(input),
  operationType: 'data_validation',
  status: validationStatus(input),
  customer: input.customer,
  durationMs: input.durationMs,
  details: validationDetails(input),
});

export const batchParts = (input: BatchOperationInput): SyncCallParts => ({
  ...common(input),
  operationType: 'batch_operation',
  status: batchStatus(input),
  durationMs: input.durationMs,
  details: batchDetails(input),
  error: input.error,
});

export const changesParts = (input: SyncChangesInput): SyncCallParts => ({
  ...common(input),
  operationType: 'sync_changes',
  status: input.result.status,
  customer: input.customer,
  durationMs: input.result.durationMs,
  details: changesDetails(input),
  error: input.error,
});

/** A `measure()` call's record: `success` or `error` by how `fn` ended, with the time it took. */
export const measuredParts = (
  operationType: OperationType,
  operationId: string,
  options: MeasureOptions,
  outcome: CallOutcome,
): SyncCallParts => ({
  ...common(options),
  operationId,
  operationType,
  status: outcome.ok ? 'success' : 'error',
  customer: options.customer,
  durationMs: outcome.durationMs,
  details: { ...options.details },
  error: outcome.ok ? undefined : outcome.error,
});

function transferParts(
  operationType: OperationType,
  input: CustomerTransferInput,
  customer: SyncCustomer,
  details: Record<string, unknown>,
): SyncCallParts {
  return {
    ...common(input),
    operationType,
    status: input.result.status,
    customer,
    durationMs: input.result.durationMs,
    details,
    error: input.error,
  };
}

function common(input: OperationInput) {
  return { operationId: input.operationId, message: input.message };
}
