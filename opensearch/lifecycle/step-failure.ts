import { errorStatus } from '../shared/response-errors.ts';

/** A failed step as the retention log and the pass's outcome tell it: the status and the cluster's reason, bounded. */
export function describeStepFailure(error: unknown): string {
  const { status, type, reason } = errorStatus(error);
  return (status === undefined ? reason : `HTTP ${status}${type ? ` ${type}` : ''}: ${reason}`).slice(0, 2_000);
}
