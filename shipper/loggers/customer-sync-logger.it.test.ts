import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerSyncLogger, type CustomerSyncLogger } from './index.ts';
import type { CustomerExportInput, CustomerImportInput } from './customer-sync-inputs.ts';
import { startNodeShipper, type NodeShipper } from './fixtures/node-shipper.ts';

let node: NodeShipper;
let sync: CustomerSyncLogger;
beforeAll(async () => {
  node = await startNodeShipper('sync-logger');
  sync = createCustomerSyncLogger({ logger: node.logger });
});
afterAll(() => node.stop());

/** How many of `items` have each value of `key`: the counts an aggregation must give back. */
function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const value = key(item);
    if (value !== undefined) counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

const inRun = (correlationId: string) => ({ term: { correlation_id: correlationId } });

describe('CustomerSyncLogger import and export records, through the transport, into a real node', () => {
  it('stores every import input, and counts imports by source and assigned role', async () => {
    const sources = ['1c_http', '1c_file', 'exchange_plan', '1c_http', '1c_http', 'exchange_plan'];
    const imports: CustomerImportInput[] = sources.map((source, i) => ({
      customer: { id: `c-${i}`, name: `Клиент ${i}`, onecId: `ЦБ-00010${i}`, type: i % 2 ? 'legal' : 'individual' },
      result: { status: 'success', createdNew: i < 2 },
      source,
      importTime: new Date(Date.UTC(2025, 0, 15, 6, i)),
      dataFields: ['Наименование', 'ИНН'],
      assignedRole: i % 3 === 0 ? 'dealer' : 'customer',
    }));
    const runId = sync.startRun(({ correlationId }) => {
      for (const input of imports) sync.logCustomerImport(input);
      return correlationId;
    });

    const [first] = await node.search({ bool: { filter: [inRun(runId), { term: { onec_id: 'ЦБ-000100' } }] } });
    expect(first).toMatchObject({
      operation_type: 'import_from_1c',
      customer: { id: 'c-0' },
      customer_type: 'individual',
      created_new: true,
      import_source: '1c_http',
      assigned_role: 'dealer',
      details: { import_time: '2025-01-15T06:00:00.000Z', data_fields: ['Наименование', 'ИНН'] },
    });
    expect(await node.termCounts('import_source', inRun(runId))).toEqual(countBy(imports, (i) => i.source));
    expect(await node.termCounts('assigned_role', inRun(runId))).toEqual(countBy(imports, (i) => i.assignedRole));
  });

  it('stores every export input, finds an export by the 1C id 1C assigned, and counts exports by format', async () => {
    const formats = ['xml', 'commerceml', 'json', 'commerceml', 'commerceml'];
    const exports: CustomerExportInput[] = formats.map((format, i) => ({
      customer: { id: `e-${i}`, name: `Партнёр ${i}`, role: 'partner' },
      result: { status: i === 4 ? 'error' : 'success' },
      destination: i < 3 ? 'ut11-main' : 'buh30-reserve',
      exportTime: Date.UTC(2025, 0, 15, 9, i),
      format,
      exportedFields: ['name', 'inn', 'email'],
      assignedOnecId: `ЦБ-00090${i}`,
      onecResponse: { statusCode: i === 4 ? 409 : 201, body: i === 4 ? 'Контрагент уже существует' : 'OK' },
    }));
    const runId = sync.startRun(({ correlationId }) => {
      for (const input of exports) sync.logCustomerExport(input);
      return correlationId;
    });

    const [refused] = await node.search({ bool: { filter: [inRun(runId), { term: { onec_id: 'ЦБ-000904' } }] } });
    expect(refused).toMatchObject({
      operation_type: 'export_to_1c',
      status: 'error',
      customer: { id: 'e-4', role: 'partner' },
      export_destination: 'buh30-reserve',
      export_format: 'commerceml',
      details: {
        export_time: '2025-01-15T09:04:00.000Z',
        exported_fields: ['name', 'inn', 'email'],
        assigned_onec_id: 'ЦБ-000904',
        onec_response: { status_code: 409, body: 'Контрагент уже существует' },
      },
    });
    expect(await node.termCounts('export_format', inRun(runId))).toEqual(countBy(exports, (e) => e.format));
    expect(await node.termCounts('export_destination', inRun(runId))).toEqual(countBy(exports, (e) => e.destination));
  });
});

describe('CustomerSyncLogger conflict records in a real node', () => {
  it('stores every conflict input, several conflicting fields included, and counts by strategy and method', async () => {
    const settled = [
      { strategy: '1c_wins', method: 'automatic', manual: false },
      { strategy: 'crm_wins', method: 'automatic', manual: false },
      { strategy: 'manual', method: 'manual', manual: true },
      { strategy: '1c_wins', method: 'automatic', manual: false },
    ];
    const runId = sync.startRun(({ correlationId }) => {
      settled.forEach(({ strategy, method, manual }, i) =>
        sync.logConflictResolution({
          customer: { id: `k-${i}`, name: `Контрагент ${i}` },
          conflict: {
            type: i === 2 ? 'duplicate' : 'field_mismatch',
            fields: [
              { field: 'phone', localValue: `+7 900 000-00-0${i}`, remoteValue: '+7 900 111-11-11' },
              { field: 'kpp', localValue: '770101001', remoteValue: null },
            ],
            strategy,
            method,
            manualReviewRequired: manual,
          },
        }),
      );
      return correlationId;
    });

    const [review] = await node.search({
      bool: { filter: [inRun(runId), { term: { manual_review_required: true } }] },
    });
    expect(review).toMatchObject({
      status: 'warning',
      conflict_type: 'duplicate',
      resolution_strategy: 'manual',
      resolution_method: 'manual',
      details: {
        conflict: {
          fields: [
            { field: 'phone', local_value: '+7 900 000-00-02', remote_value: '+7 900 111-11-11' },
            { field: 'kpp', local_value: '770101001', remote_value: null },
          ],
        },
      },
    });
    expect(await node.termCounts('resolution_strategy', inRun(runId))).toEqual(countBy(settled, (s) => s.strategy));
    expect(await node.termCounts('resolution_method', inRun(runId))).toEqual(countBy(settled, (s) => s.method));
  });
});

describe('CustomerSyncLogger’s other methods in a real node', () => {
  it('stores a sync error, a validation, a batch and field changes, each with its own fields', async () => {
    const customer = { id: 'm-1', name: 'ООО «Вектор»', onecId: 'ЦБ-000555' };
    const runId = sync.startRun(({ correlationId }) => {
      sync.logSyncError({ operationType: 'export_to_1c', customer, error: new TypeError('1C timed out after 30 s') });
      sync.logDataValidation({ customer, rulesChecked: 9, errors: [{ field: 'inn', rule: 'inn_checksum' }] });
      sync.logBatchOperation({ batchId: 'b-77', size: 40, processed: 38, failed: 2, durationMs: 5_000 });
      sync.logSyncChanges({
        customer,
        direction: 'crm_to_1c',
        changes: [{ field: 'address', from: 'Тверь', to: 'Москва' }],
        result: { status: 'success' },
      });
      return correlationId;
    });

    const records = await node.search(inRun(runId));
    const byType = Object.fromEntries(records.map((r) => [String(r.operation_type), r]));
    expect(records).toHaveLength(4);
    expect(byType.export_to_1c).toMatchObject({ status: 'error', error_type: 'TypeError', onec_id: 'ЦБ-000555' });
    expect(byType.data_validation).toMatchObject({
      status: 'error',
      details: { validation: { rules_checked: 9, failed_rules: ['inn_checksum'] } },
    });
    expect(byType.batch_operation).toMatchObject({
      status: 'warning',
      duration_ms: 5_000,
      details: { batch: { id: 'b-77', size: 40, processed: 38, failed: 2 } },
    });
    expect(byType.sync_changes).toMatchObject({
      details: { direction: 'crm_to_1c', changes: { fields: [{ name: 'address', from: 'Тверь', to: 'Москва' }] } },
    });
  });

  it('times measure() calls into one success and one error record, tied to the run by its correlation id', async () => {
    const runId = await sync.startRun(async ({ correlationId }) => {
      await sync.measure('import_from_1c', async () => 'done', { details: { import_source: '1c_http' } });
      await sync.measure('export_to_1c', () => Promise.reject(new Error('HTTP 503'))).catch(() => undefined);
      return correlationId;
    });

    const records = await node.search(inRun(runId));
    expect(records.map((r) => [r.operation_type, r.status]).sort()).toEqual([
      ['export_to_1c', 'error'],
      ['import_from_1c', 'success'],
    ]);
    expect(records.every((r) => typeof r.duration_ms === 'number')).toBe(true);
    expect(records.find((r) => r.status === 'success')).toMatchObject({ import_source: '1c_http' });
    expect(records.find((r) => r.status === 'error')).toMatchObject({ error_message: 'HTTP 503' });
  });
});
