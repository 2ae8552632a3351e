import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { runWithContext } from '../context/correlation-context.ts';
import { createSyncMetrics } from '../metrics/sync-metrics.ts';
import { createCaptureLogger } from './capture-logger.ts';
import type { SyncCustomer } from './customer-sync-inputs.ts';
import { createCustomerSyncLogger } from './customer-sync-logger.ts';

const CUSTOMER: SyncCustomer = {
  id: 'cust-10001',
  name: 'ООО «Ромашка»',
  email: 'Buh@Romashka.ru',
  role: 'dealer',
  onecId: 'ЦБ-000123',
  type: 'legal',
};

function setup(options: { clock?: () => number } = {}) {
  const capture = createCaptureLogger();
  const registry = new Registry();
  let next = 0;
  const sync = createCustomerSyncLogger({
    logger: capture.logger,
    metrics: createSyncMetrics(registry),
    newId: () => `id-${++next}`,
    ...options,
  });
  /** Every captured record, asserting that normalise-record accepted each one. */
  const records = (): SyncLogRecord[] =>
    capture.normalised().map((result) => {
      if (!result.ok) throw new Error(`record rejected: ${result.reason}`);
      return result.record;
    });
  return { capture, registry, sync, records };
}

/** A clock that moves only when told to. */
function fakeClock(start = 1_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

describe('createCustomerSyncLogger', () => {
  it('logs an import as one valid record with the customer, its 1C id and the typed fields', () => {
    const { sync, records } = setup();

    const operationId = sync.logCustomerImport({
      customer: CUSTOMER,
      result: { status: 'success', createdNew: true, durationMs: 842.4 },
    });

    const [record] = records();
    expect(operationId).toBe('id-1');
    expect(record).toMatchObject({
      level: 'info',
      category: 'sync',
      message: 'Import of customer from 1C completed: ООО «Ромашка»',
      operation_id: 'id-1',
      operation_type: 'import_from_1c',
      status: 'success',
      customer: { id: 'cust-10001', name: 'ООО «Ромашка»', role: 'dealer' },
      customer_email: 'Buh@Romashka.ru',
      onec_id: 'ЦБ-000123',
      customer_type: 'legal',
      created_new: true,
      duration_ms: 842,
      details: { customer_type: 'legal', created_new: true },
    });
  });

  it('logs an export error at level error with the error fields and the given operation id', () => {
    const { sync, records } = setup();

    sync.logCustomerExport({
      operationId: 'op-abc',
      customer: CUSTOMER,
      result: { status: 'error', details: { endpoint: '/odata/standard.odata/Catalog_Контрагенты' } },
      error: new RangeError('1C refused: ИНН is invalid'),
    });

    expect(records()[0]).toMatchObject({
      level: 'error',
      operation_id: 'op-abc',
      operation_type: 'export_to_1c',
      status: 'error',
      error_message: '1C refused: ИНН is invalid',
      error_type: 'RangeError',
      details: { endpoint: '/odata/standard.odata/Catalog_Контрагенты' },
    });
    expect(records()[0]?.error_stack).toContain('RangeError');
  });

  it('stores a customer only 1C knows as customer null, keeping its 1C id and e-mail', () => {
    const { sync, records } = setup();

    sync.logCustomerImport({ customer: { onecId: '0004711', email: 'new@client.ru' }, result: { status: 'pending' } });

    expect(records()[0]).toMatchObject({
      customer: null,
      onec_id: '0004711',
      customer_email: 'new@client.ru',
      status: 'pending',
    });
  });

  it('logs a conflict needing review as a warning with conflict_type and manual_review_required', () => {
    const { sync, records } = setup();

    sync.logConflictResolution({
      customer: CUSTOMER,
      conflict: {
        type: 'field_mismatch',
        field: 'ИНН',
        localValue: '7701234567',
        remoteValue: '7701234568',
        resolution: 'manual',
        manualReviewRequired: true,
      },
    });

    expect(records()[0]).toMatchObject({
      level: 'warn',
      operation_type: 'conflict_resolution',
      status: 'warning',
      conflict_type: 'field_mismatch',
      manual_review_required: true,
      details: {
        conflict: { field: 'ИНН', local_value: '7701234567', remote_value: '7701234568' },
        resolution: { strategy: 'manual' },
      },
    });
  });

  it('logs a sync error for any operation type, with a thrown value that is not an Error', () => {
    const { sync, records } = setup();

    sync.logSyncError({
      operationType: 'sync_changes',
      customer: CUSTOMER,
      error: { message: 'HTTP 503 from 1C', type: 'OneCUnavailable' },
    });

    expect(records()[0]).toMatchObject({
      level: 'error',
      status: 'error',
      operation_type: 'sync_changes',
      error_message: 'HTTP 503 from 1C',
      error_type: 'OneCUnavailable',
    });
  });

  it('derives the validation status from the issues found', () => {
    const { sync, records } = setup();

    sync.logDataValidation({
      customer: CUSTOMER,
      rulesChecked: 12,
      errors: [{ field: 'inn', rule: 'inn_checksum' }],
      manualReviewRequired: true,
    });
    sync.logDataValidation({
      customer: CUSTOMER,
      warnings: [{ field: 'kpp', rule: 'kpp_required', message: 'Пустой КПП' }],
    });
    sync.logDataValidation({ customer: CUSTOMER });

    const [failed, warned, passed] = records();
    expect(failed).toMatchObject({
      status: 'error',
      level: 'error',
      manual_review_required: true,
      details: { validation: { rules_checked: 12, failed_rules: ['inn_checksum'] } },
    });
    expect(warned).toMatchObject({ status: 'warning', level: 'warn' });
    expect(passed).toMatchObject({ status: 'success', level: 'info' });
  });

  it('logs a batch without a customer and calls partial failure a warning', () => {
    const { sync, records } = setup();

    sync.logBatchOperation({ batchId: 'batch-7', size: 500, processed: 480, failed: 20, durationMs: 12_000 });

    const [record] = records();
    expect(record).toMatchObject({
      operation_type: 'batch_operation',
      status: 'warning',
      level: 'warn',
      duration_ms: 12_000,
      details: { batch: { id: 'batch-7', size: 500, processed: 480, failed: 20 } },
    });
    expect(record).not.toHaveProperty('customer');
  });

  it('logs field changes with their direction', () => {
    const { sync, records } = setup();

    sync.logSyncChanges({
      customer: CUSTOMER,
      direction: 'crm_to_1c',
      changes: [{ field: 'email', from: null, to: 'buh@romashka.ru' }],
      result: { status: 'success', durationMs: 95 },
    });

    expect(records()[0]).toMatchObject({
      operation_type: 'sync_changes',
      details: { direction: 'crm_to_1c', changes: { fields: [{ name: 'email', from: null, to: 'buh@romashka.ru' }] } },
    });
  });

  it('takes correlation and trace ids from the context', () => {
    const { sync, records } = setup();
    const context = {
      correlation_id: 'run-42',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      request_id: 'req-1',
    };

    runWithContext(context, () => sync.logCustomerImport({ customer: CUSTOMER, result: { status: 'success' } }));

    expect(records()[0]).toMatchObject({
      correlation_id: 'run-42',
      trace_id: context.trace_id,
      span_id: context.span_id,
      details: { request_id: 'req-1' },
    });
  });

  it('cuts over-long customer names so the record stays valid', () => {
    const { sync, records } = setup();

    sync.logCustomerImport({ customer: { ...CUSTOMER, name: 'Я'.repeat(1_000) }, result: { status: 'success' } });

    expect(records()[0]?.customer?.name).toHaveLength(256);
  });

  describe('measure', () => {
    it('logs success with the duration measured by the injected clock and returns the result', async () => {
      const time = fakeClock();
      const { sync, records } = setup({ clock: time.clock });

      const result = await sync.measure(
        'export_to_1c',
        async ({ operationId }) => {
          time.advance(1_234);
          return `done ${operationId}`;
        },
        { customer: CUSTOMER },
      );

      expect(result).toBe('done id-1');
      expect(records()[0]).toMatchObject({
        operation_type: 'export_to_1c',
        status: 'success',
        duration_ms: 1_234,
        operation_id: 'id-1',
        customer: { id: 'cust-10001' },
      });
    });

    it('runs a synchronous function synchronously', () => {
      const time = fakeClock();
      const { sync, records } = setup({ clock: time.clock });

      const result = sync.measure('data_validation', () => {
        time.advance(15);
        return 42;
      });

      expect(result).toBe(42);
      expect(records()[0]).toMatchObject({ status: 'success', duration_ms: 15 });
    });

    it('logs the thrown error with its duration and rethrows it unchanged', async () => {
      const time = fakeClock();
      const { sync, records } = setup({ clock: time.clock });
      const failure = new Error('1C timed out after 30 s');

      const run = sync.measure('import_from_1c', async () => {
        time.advance(30_000);
        throw failure;
      });

      await expect(run).rejects.toBe(failure);
      expect(records()[0]).toMatchObject({
        level: 'error',
        status: 'error',
        duration_ms: 30_000,
        error_message: '1C timed out after 30 s',
        error_type: 'Error',
      });
    });

    it('rethrows a synchronous throw after logging it', () => {
      const { sync, capture } = setup({ clock: fakeClock().clock });
      expect(() =>
        sync.measure('batch_operation', () => {
          throw new TypeError('bad batch');
        }),
      ).toThrow('bad batch');
      expect(capture.infos[0]).toMatchObject({ status: 'error', error: { type: 'TypeError', message: 'bad batch' } });
    });

    it('counts the outcome and the error class in the metrics', async () => {
      class OneCTimeoutError extends Error {}
      const time = fakeClock();
      const { sync, registry } = setup({ clock: time.clock });

      await sync.measure('export_to_1c', () => void time.advance(2_500));
      await expect(
        sync.measure('export_to_1c', async () => {
          throw new OneCTimeoutError('late');
        }),
      ).rejects.toThrow();

      const operations = await registry.getSingleMetricAsString('synclog_sync_operations_total');
      const errors = await registry.getSingleMetricAsString('synclog_sync_errors_total');
      const durations = await registry.getSingleMetricAsString('synclog_sync_operation_duration_seconds');
      expect(operations).toContain('synclog_sync_operations_total{operation_type="export_to_1c",status="success"} 1');
      expect(operations).toContain('synclog_sync_operations_total{operation_type="export_to_1c",status="error"} 1');
      expect(errors).toContain(
        'synclog_sync_errors_total{operation_type="export_to_1c",error_class="OneCTimeoutError"} 1',
      );
      expect(durations).toContain('synclog_sync_operation_duration_seconds_sum{operation_type="export_to_1c"} 2.5');
    });
  });

  describe('startRun', () => {
    it('gives every record of one run the same new correlation id, and the next run another', async () => {
      const { sync, records } = setup();

      const first = await sync.startRun(async ({ correlationId }) => {
        sync.logCustomerImport({ customer: CUSTOMER, result: { status: 'pending' } });
        await Promise.resolve();
        sync.logCustomerImport({ customer: CUSTOMER, result: { status: 'success' } });
        return correlationId;
      });
      sync.startRun(() => sync.logBatchOperation({ size: 1, processed: 1, failed: 0 }));

      const [pending, done, other] = records().map((r) => r.correlation_id);
      expect(first).toBe('id-1');
      expect([pending, done]).toEqual([first, first]);
      expect(other).toBe('id-4');
    });
  });

  it('keeps e-mails, customer ids and 1C ids out of every metric label', async () => {
    const { sync, registry } = setup({ clock: fakeClock().clock });

    sync.logCustomerImport({ customer: CUSTOMER, result: { status: 'success', durationMs: 10 } });
    sync.logSyncError({
      operationType: 'export_to_1c',
      customer: CUSTOMER,
      error: new Error(`failed for ${CUSTOMER.email}`),
    });
    sync.logDataValidation({
      customer: CUSTOMER,
      errors: [{ field: 'email', rule: 'email_format', message: CUSTOMER.email }],
    });

    const labels = (await registry.getMetricsAsJSON()).flatMap((m) =>
      m.values.flatMap((v) => Object.values(v.labels).map(String)),
    );
    expect(labels.length).toBeGreaterThan(0);
    for (const value of labels) {
      for (const secret of [CUSTOMER.email, CUSTOMER.id, CUSTOMER.onecId, CUSTOMER.name])
        expect(value).not.toContain(secret);
      expect(value).not.toContain('@');
    }
  });
});
