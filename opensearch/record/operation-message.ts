import type { OperationType, Status } from './vocabulary.ts';

const SUBJECTS: Record<OperationType, string> = {
  import_from_1c: 'Import of customer from 1C',
  export_to_1c: 'Export of customer to 1C',
  sync_changes: 'Sync of customer changes',
  conflict_resolution: 'Conflict resolution',
  data_validation: 'Validation of customer data',
  batch_operation: 'Batch operation',
};

const OUTCOMES: Record<Status, string> = {
  pending: 'started',
  success: 'completed',
  error: 'failed',
  warning: 'completed with warnings',
  skipped: 'skipped',
};

/**
 * The short sentence a person reads in the log viewer. It names the customer, so full-text search
 * on `message` finds customers by name, hostile names included.
 */
export function operationMessage(
  operationType: OperationType,
  status: Status,
  customerName: string | undefined,
): string {
  const sentence = `${SUBJECTS[operationType]} ${OUTCOMES[status]}`;
  return customerName ? `${sentence}: ${customerName}` : sentence;
}
