import { errorFields } from '../../opensearch/record/error-fields.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { liftTypedFields } from '../../opensearch/record/typed-fields.ts';
import type { Level, OperationType, Status } from '../../opensearch/record/vocabulary.ts';
import type { PoolCustomer } from './customer-pool.ts';
import { loggedEmail } from './customer-pool.ts';
import type { GenerationContext } from './generation-context.ts';
import { correlationId, onecId, operationId, spanId, traceId } from './generated-ids.ts';
import type { Producer } from './record-envelope.ts';
import { durationMs, envelopeAt, withoutUndefined } from './record-envelope.ts';
import { recordDetails } from './record-details.ts';
import { operationMessage } from '../../opensearch/record/operation-message.ts';

const OPERATION_TYPE_WEIGHTS = [
  ['sync_changes', 35],
  ['import_from_1c', 20],
  ['export_to_1c', 18],
  ['data_validation', 12],
  ['conflict_resolution', 8],
  ['batch_operation', 7],
] as const satisfies ReadonlyArray<readonly [OperationType, number]>;

/** How operations end. `pending` here is an operation still running (or lost) when the data ends. */
const FINAL_STATUS_WEIGHTS = [
  ['success', 70],
  ['error', 12],
  ['warning', 8],
  ['skipped', 6],
  ['pending', 4],
] as const satisfies ReadonlyArray<readonly [Status, number]>;

/** What the records of one operation share. */
interface Operation {
  readonly type: OperationType;
  readonly id: string;
  readonly producer: Producer;
  readonly correlationId: string;
  readonly traceId: string;
  /** `null`: a customer 1C knows but the platform does not; `undefined`: not about one customer (a batch). */
  readonly customer: PoolCustomer | null | undefined;
  readonly email: string | undefined;
  readonly onecId: string | undefined;
}

/**
 * The records of one operation: its outcome alone, or, for some successes and errors, a `pending`
 * record when it started and the outcome `duration_ms` later. Never more than `room` records.
 */
export function operationRecords(context: GenerationContext, room: number): SyncLogRecord[] {
  const { random, fromMs, toMs } = context;
  const operation = newOperation(context);
  const status = random.weighted(FINAL_STATUS_WEIGHTS);
  if (status === 'pending') return [operationRecord(context, operation, status, random.int(fromMs, toMs), undefined)];
  const duration = durationMs(random);
  const canLogStart = (status === 'success' || status === 'error') && room >= 2 && duration <= toMs - fromMs;
  if (!canLogStart || !random.chance(0.3)) {
    return [operationRecord(context, operation, status, random.int(fromMs, toMs), duration)];
  }
  const startMs = random.int(fromMs, toMs - duration);
  return [
    operationRecord(context, operation, 'pending', startMs, undefined),
    operationRecord(context, operation, status, startMs + duration, duration),
  ];
}

function newOperation(context: GenerationContext): Operation {
  const { random } = context;
  const type = random.weighted(OPERATION_TYPE_WEIGHTS);
  const customer = type === 'batch_operation' ? undefined : random.chance(0.04) ? null : random.pick(context.customers);
  let email: string | undefined;
  if (customer) email = random.chance(0.9) ? loggedEmail(random, customer.email) : undefined;
  else if (customer === null) email = random.chance(0.5) ? random.faker.internet.email().toLowerCase() : undefined;
  return {
    type,
    id: operationId(random),
    producer: random.pick(context.producers),
    correlationId: correlationId(random),
    traceId: traceId(random),
    customer,
    email,
    onecId: customer ? customer.onecId : customer === null ? onecId(random) : undefined,
  };
}

function operationRecord(
  context: GenerationContext,
  operation: Operation,
  status: Status,
  epochMs: number,
  duration: number | undefined,
): SyncLogRecord {
  const { random } = context;
  const known = operation.customer ?? undefined;
  const details = recordDetails(random, {
    operationType: operation.type,
    status,
    customerType: known?.customerType,
    comment: random.chance(0.04) ? context.hostile.next() : undefined,
  });
  const errorContext = { operationType: operation.type, customerId: known?.customer.id, onecId: operation.onecId };
  const error = status === 'error' ? errorFields(context.errors.next(errorContext)) : undefined;
  return withoutUndefined<SyncLogRecord>({
    ...envelopeAt(random, epochMs, operation.producer),
    level: levelOf(status, random.chance(0.08)),
    category: 'sync',
    message: operationMessage(operation.type, status, known?.customer.name),
    operation_id: operation.id,
    // As the shipper stores it: reports count operations by this key.
    operation_key: operation.id,
    operation_type: operation.type,
    status,
    customer: operation.customer === undefined ? undefined : known ? { ...known.customer } : null,
    customer_email: operation.email,
    onec_id: operation.onecId,
    ...liftTypedFields(details),
    details,
    ...error,
    duration_ms: duration,
    correlation_id: operation.correlationId,
    trace_id: operation.traceId,
    span_id: spanId(random),
    service: { ...operation.producer.service },
  });
}

/** A few errors are critical: the ones an on-call person is woken for. */
function levelOf(status: Status, critical: boolean): Level {
  if (status === 'error') return critical ? 'critical' : 'error';
  return status === 'warning' ? 'warn' : 'info';
}
