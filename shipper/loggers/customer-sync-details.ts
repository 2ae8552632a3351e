import type { Status } from '../../opensearch/record/vocabulary.ts';
import { boundedId } from './context-fields.ts';
import type {
  BatchOperationInput,
  ConflictResolutionInput,
  DataValidationInput,
  SyncChangesInput,
  ValidationIssue,
} from './customer-sync-inputs.ts';

/**
 * `details` per operation type, nested the way the generator and dashboards expect
 * (`conflict`, `validation.failed_rules`, `batch.*`, `changes.fields`). Values reports count by
 * sit under flat keys that normalise-record lifts to typed fields (`conflict_type`,
 * `resolution_strategy`…).
 */

export function conflictDetails({ conflict, result }: ConflictResolutionInput): Record<string, unknown> {
  const strategy = conflict.strategy ?? conflict.resolution;
  return {
    ...result?.details,
    conflict_type: conflict.type,
    manual_review_required: conflict.manualReviewRequired,
    resolution_strategy: strategy === undefined ? undefined : boundedId(strategy),
    resolution_method: conflict.method === undefined ? undefined : boundedId(conflict.method),
    conflict: {
      field: conflict.field,
      local_value: conflict.localValue,
      remote_value: conflict.remoteValue,
      fields: conflict.fields?.map((f) => ({ field: f.field, local_value: f.localValue, remote_value: f.remoteValue })),
    },
  };
}

/** A conflict left for a person to review is not finished business: it shows as a warning. */
export function conflictStatus({ conflict, result }: ConflictResolutionInput): Status {
  return result?.status ?? (conflict.manualReviewRequired ? 'warning' : 'success');
}

export function validationDetails(input: DataValidationInput): Record<string, unknown> {
  const errors = input.errors ?? [];
  return {
    ...input.details,
    manual_review_required: input.manualReviewRequired,
    validation: {
      rules_checked: input.rulesChecked,
      failed_rules: [...new Set(errors.map((issue) => issue.rule))],
      errors: errors.map(issueDetails),
      warnings: (input.warnings ?? []).map(issueDetails),
    },
  };
}

export function validationStatus(input: DataValidationInput): Status {
  if (input.status !== undefined) return input.status;
  if ((input.errors ?? []).length > 0) return 'error';
  return (input.warnings ?? []).length > 0 ? 'warning' : 'success';
}

export function batchDetails(input: BatchOperationInput): Record<string, unknown> {
  const { size, processed, failed, skipped } = input;
  return { ...input.details, batch: { id: input.batchId, size, processed, failed, skipped } };
}

/** A batch where some items failed still did its work for the others: a warning, not an error. */
export function batchStatus(input: BatchOperationInput): Status {
  if (input.status !== undefined) return input.status;
  if (input.failed <= 0) return 'success';
  return input.failed >= input.size ? 'error' : 'warning';
}

export function changesDetails(input: SyncChangesInput): Record<string, unknown> {
  return {
    ...input.result.details,
    direction: input.direction,
    changes: { fields: input.changes.map((change) => ({ name: change.field, from: change.from, to: change.to })) },
  };
}

function issueDetails(issue: ValidationIssue): Record<string, string | undefined> {
  return { field: issue.field, rule: issue.rule, message: issue.message };
}
