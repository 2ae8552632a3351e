import type winston from 'winston';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { runWithContext, type CorrelationContext } from '../../shipper/context/correlation-context.ts';
import { createCustomerSyncLogger, type CustomerTransferInput } from '../../shipper/loggers/index.ts';
import { normaliseRecord } from '../../shipper/record/normalise-record.ts';
import type { Status } from '../../opensearch/record/vocabulary.ts';

/** The same inputs for every case: each case turns one of them into its own call. */
export interface HotPathInputs {
  /** What the application passes to `logCustomerImport`. */
  readonly transfers: readonly CustomerTransferInput[];
  /** The winston `info` the CustomerSyncLogger builds from each transfer (what pino logs too). */
  readonly infos: ReadonlyArray<Record<string, unknown>>;
  /** The stored record synclog makes of each info. */
  readonly records: readonly SyncLogRecord[];
  /** The correlation context every call runs in, as in a sync run. */
  readonly context: CorrelationContext;
}

export const NORMALISE_CONTEXT = {
  producerId: 'hot-path-0001',
  service: { name: 'hot-path', environment: 'bench', version: '1.0.0' },
} as const;

/** `size` import calls built from generated import records: real names, details, some errors. */
export function hotPathInputs(seed: number, size = 1_000): HotPathInputs {
  const generated = generateRecords({
    seed,
    count: size * 8,
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-11-30T00:00:00Z'),
  });
  const imports = generated
    .filter((r) => r.operation_type === 'import_from_1c' && r.status !== undefined)
    .slice(0, size);
  const transfers = imports.map(transferOf);
  const first = imports[0]!;
  const context: CorrelationContext = {
    correlation_id: first.correlation_id,
    trace_id: first.trace_id,
    span_id: first.span_id,
  };
  const infos: Array<Record<string, unknown>> = [];
  const logger = createCustomerSyncLogger({ logger: stubLogger((info) => infos.push(info)) });
  runWithContext(context, () => transfers.forEach((transfer) => logger.logCustomerImport(transfer)));
  const records = infos.map((info, i) => {
    const normalised = normaliseRecord(info, { ...NORMALISE_CONTEXT, now: Date.now(), producerSeq: i });
    if (!normalised.ok) throw new Error(`hot-path input ${i} is not a valid record: ${normalised.reason}`);
    return normalised.record;
  });
  return { transfers, infos, records, context };
}

/** A winston logger stand-in that hands each info to `onLog`: the CustomerSyncLogger's own work, no winston. */
export function stubLogger(onLog: (info: Record<string, unknown>) => void): winston.Logger {
  const levels = { error: 0, warn: 1, info: 2, http: 3, verbose: 4, debug: 5, silly: 6 };
  return { levels, log: onLog, write: onLog } as unknown as winston.Logger;
}

function transferOf(record: SyncLogRecord): CustomerTransferInput {
  const { customer_type: _type, created_new: _createdNew, ...details } = record.details ?? {};
  const customer = record.customer;
  return {
    customer: {
      ...(customer ? { id: customer.id, name: customer.name, role: customer.role } : {}),
      ...(record.customer_email ? { email: record.customer_email } : {}),
      ...(record.onec_id ? { onecId: record.onec_id } : {}),
      ...(record.customer_type ? { type: record.customer_type } : {}),
    },
    result: {
      status: record.status as Status,
      ...(record.created_new === undefined ? {} : { createdNew: record.created_new }),
      ...(record.duration_ms === undefined ? {} : { durationMs: record.duration_ms }),
      details,
    },
    ...(record.error_message ? { error: errorOf(record) } : {}),
  };
}

/** The application's exception, created once: throwing is not the logger's cost. */
function errorOf(record: SyncLogRecord): Error {
  const error = new Error(record.error_message);
  error.name = record.error_type ?? 'Error';
  if (record.error_stack) error.stack = record.error_stack;
  return error;
}
