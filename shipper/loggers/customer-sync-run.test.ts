import { describe, expect, it } from 'vitest';
import { CUSTOMER, fakeClock, setupSyncCapture as setup } from './fixtures/sync-capture.ts';

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
});

describe('the sync metrics', () => {
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
