import { operationMessage } from '../../opensearch/record/operation-message.ts';
import type { OperationType, Status } from '../../opensearch/record/vocabulary.ts';
import type { CorrelationContext } from '../context/correlation-context.ts';
import { boundedId, contextFields, definedOnly } from './context-fields.ts';
import type { SyncCustomer } from './customer-sync-inputs.ts';
import { toLoggedError } from './logged-error.ts';
import type { LogInfo, LogLevel } from './write-info.ts';

/** Everything one sync record says, before it becomes a winston `info` object. */
export interface SyncRecordParts {
  readonly operationType: OperationType;
  readonly status: Status;
  readonly operationId: string;
  readonly customer?: SyncCustomer;
  readonly durationMs?: number;
  readonly details: Readonly<Record<string, unknown>>;
  /** Set only for failures; `undefined` logs no error fields. */
  readonly error?: unknown;
  readonly message?: string;
}

export function levelOfStatus(status: Status): LogLevel {
  return status === 'error' ? 'error' : status === 'warning' ? 'warn' : 'info';
}

/**
 * The `info` object for one sync record, in the shape normalise-record turns into a stored record.
 * `customer_type`, `created_new`, `conflict_type` and `manual_review_required` go in `details`,
 * where applications put them; normalise-record lifts them to typed fields.
 */
export function syncRecordInfo(parts: SyncRecordParts, context: CorrelationContext): LogInfo {
  const { customer } = parts;
  // Built field by field, only with what is defined: this runs on every sync log call.
  const info: LogInfo = {
    level: levelOfStatus(parts.status),
    message: parts.message ?? operationMessage(parts.operationType, parts.status, customer?.name),
    category: 'sync',
    operation_id: boundedId(parts.operationId),
    operation_type: parts.operationType,
    status: parts.status,
  };
  if (customer !== undefined) info.customer = recordCustomer(customer);
  if (customer?.email) info.customer_email = boundedId(customer.email);
  if (customer?.onecId) info.onec_id = boundedId(customer.onecId);
  if (parts.durationMs !== undefined) info.duration_ms = Math.max(0, Math.round(parts.durationMs));
  Object.assign(info, contextFields(context));
  const details: Record<string, unknown> = definedOnly(parts.details);
  if (customer?.type !== undefined) details.customer_type = customer.type;
  if (Object.keys(details).length > 0) info.details = details;
  if (parts.error !== undefined) info.error = toLoggedError(parts.error);
  return info;
}

function recordCustomer(customer: SyncCustomer): { id: string; name?: string; role?: string } | null {
  if (!customer.id) return null;
  return definedOnly({
    id: boundedId(customer.id),
    name: customer.name === undefined ? undefined : boundedId(customer.name),
    role: customer.role,
  });
}
