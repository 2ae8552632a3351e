import { describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { createCaptureLogger } from './capture-logger.ts';
import type { CustomerExportInput, CustomerImportInput, SyncCustomer } from './customer-sync-inputs.ts';
import { createCustomerSyncLogger } from './customer-sync-logger.ts';
import { ONEC_RESPONSE_BODY_CHARS, timeText } from './customer-transfer-details.ts';

const CUSTOMER: SyncCustomer = {
  id: 'cust-7',
  name: 'ИП Сидоров',
  role: 'dealer',
  onecId: 'ЦБ-000777',
  type: 'individual',
};

function setup() {
  const capture = createCaptureLogger();
  const sync = createCustomerSyncLogger({ logger: capture.logger, newId: () => 'op-1' });
  const records = (): SyncLogRecord[] =>
    capture.normalised().map((result) => {
      if (!result.ok) throw new Error(`record rejected: ${result.reason}`);
      return result.record;
    });
  return { sync, records };
}

describe('the story’s import and export inputs on the stored record', () => {
  it('stores every import input: typed source and role, the 1C and platform ids, the time and fields received', () => {
    const { sync, records } = setup();
    const input: CustomerImportInput = {
      customer: CUSTOMER,
      result: { status: 'success', createdNew: false, details: { batch: 'b-1' } },
      source: 'exchange_plan',
      importTime: new Date(Date.UTC(2025, 0, 15, 6, 30)),
      dataFields: ['Наименование', 'ИНН', 'email'],
      assignedRole: 'distributor',
    };

    sync.logCustomerImport(input);

    const [record] = records();
    expect(record).toMatchObject({
      operation_type: 'import_from_1c',
      customer: { id: input.customer.id, role: input.customer.role },
      onec_id: input.customer.onecId,
      customer_type: input.customer.type,
      created_new: input.result.createdNew,
      import_source: input.source,
      assigned_role: input.assignedRole,
    });
    expect(record?.details).toEqual({
      batch: 'b-1',
      created_new: false,
      customer_type: 'individual',
      import_source: 'exchange_plan',
      assigned_role: 'distributor',
      import_time: (input.importTime as Date).toISOString(),
      data_fields: input.dataFields,
    });
  });

  it('stores every export input, takes the 1C id 1C assigned as onec_id, and bounds 1C’s answer', () => {
    const { sync, records } = setup();
    const body = `<html>${'Ошибка записи. '.repeat(100)}</html>`;
    const input: CustomerExportInput = {
      customer: { id: 'cust-8', name: 'ООО «Луч»', role: 'partner' },
      result: { status: 'error' },
      destination: 'ut11-main',
      exportTime: Date.UTC(2025, 0, 15, 9, 0),
      format: 'commerceml',
      exportedFields: ['name', 'inn'],
      assignedOnecId: 'ЦБ-000900',
      onecResponse: { statusCode: 500, body },
    };

    sync.logCustomerExport(input);

    const [record] = records();
    expect(record).toMatchObject({
      operation_type: 'export_to_1c',
      customer: { id: 'cust-8', role: 'partner' },
      onec_id: input.assignedOnecId,
      export_destination: input.destination,
      export_format: input.format,
    });
    expect(record?.details).toEqual({
      export_destination: 'ut11-main',
      export_format: 'commerceml',
      export_time: new Date(input.exportTime as number).toISOString(),
      exported_fields: ['name', 'inn'],
      assigned_onec_id: 'ЦБ-000900',
      onec_response: { status_code: 500, body: body.slice(0, ONEC_RESPONSE_BODY_CHARS), body_length: body.length },
    });
  });

  it('keeps the customer’s own 1C id over the one 1C gave back, which stays in details', () => {
    const { sync, records } = setup();

    sync.logCustomerExport({ customer: CUSTOMER, result: { status: 'success' }, assignedOnecId: 'ЦБ-999' });

    expect(records()[0]).toMatchObject({ onec_id: 'ЦБ-000777', details: { assigned_onec_id: 'ЦБ-999' } });
  });
});

describe('the story’s conflict inputs, and typed fields from plain calls', () => {
  it('stores every conflict input: typed strategy and method, and each conflicting field with both values', () => {
    const { sync, records } = setup();
    const fields = [
      { field: 'phone', localValue: '+7 900 000-00-01', remoteValue: '+7 900 000-00-02' },
      { field: 'address', localValue: { city: 'Тверь' }, remoteValue: null },
    ];

    sync.logConflictResolution({
      customer: CUSTOMER,
      conflict: { type: 'concurrent_edit', fields, strategy: 'merge', resolution: 'crm_wins', method: 'automatic' },
    });

    const [record] = records();
    expect(record).toMatchObject({
      status: 'success',
      conflict_type: 'concurrent_edit',
      resolution_strategy: 'merge',
      resolution_method: 'automatic',
    });
    expect(record?.details?.conflict).toEqual({
      fields: fields.map((f) => ({ field: f.field, local_value: f.localValue, remote_value: f.remoteValue })),
    });
  });

  it('lifts the story’s fields from a plain winston call that puts them in details', () => {
    const capture = createCaptureLogger();
    capture.logger.info('imported', { details: { import_source: '1c_file', export_format: 42 } });

    const [result] = capture.normalised();

    expect(result?.ok && result.record).toMatchObject({ import_source: '1c_file', details: { export_format: 42 } });
    expect(result?.ok && result.record).not.toHaveProperty('export_format');
  });
});

describe('timeText', () => {
  it('writes valid times as ISO text and anything else as given, never throwing', () => {
    expect(timeText(new Date(Date.UTC(2025, 5, 1)))).toBe('2025-06-01T00:00:00.000Z');
    expect(timeText(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(timeText('15.01.2025 10:00')).toBe('15.01.2025 10:00');
    expect(timeText(new Date(Number.NaN))).toBe('Invalid Date');
    expect(timeText(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
