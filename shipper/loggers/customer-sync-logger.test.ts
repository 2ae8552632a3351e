import { describe, expect, it } from 'vitest';
import { runWithContext } from '../context/correlation-context.ts';
import { CUSTOMER, setupSyncCapture as setup } from './fixtures/sync-capture.ts';

describe('createCustomerSyncLogger: import and export records', () => {
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
});

describe('createCustomerSyncLogger: conflict and error records', () => {
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
      resolution_strategy: 'manual',
      details: {
        conflict: { field: 'ИНН', local_value: '7701234567', remote_value: '7701234568' },
        resolution_strategy: 'manual',
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
});

describe('createCustomerSyncLogger: validation, batch and change records', () => {
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
});

describe('createCustomerSyncLogger: context and limits', () => {
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
});
