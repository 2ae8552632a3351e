import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createSyncMetrics, SYNC_DURATION_BUCKETS } from './sync-metrics.ts';

async function valuesOf(registry: Registry, name: string) {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return metric?.values ?? [];
}

async function labelValues(registry: Registry): Promise<string[]> {
  const metrics = await registry.getMetricsAsJSON();
  return metrics.flatMap((m) =>
    m.values.flatMap((v) =>
      Object.entries(v.labels)
        .filter(([k]) => k !== 'le')
        .map(([, x]) => String(x)),
    ),
  );
}

describe('createSyncMetrics', () => {
  it('counts operations by operation type and status', async () => {
    const registry = new Registry();
    const metrics = createSyncMetrics(registry);

    metrics.recordOperation('import_from_1c', 'success');
    metrics.recordOperation('import_from_1c', 'success');
    metrics.recordOperation('export_to_1c', 'error');

    expect(await valuesOf(registry, 'synclog_sync_operations_total')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { operation_type: 'import_from_1c', status: 'success' }, value: 2 }),
        expect.objectContaining({ labels: { operation_type: 'export_to_1c', status: 'error' }, value: 1 }),
      ]),
    );
  });

  it('observes durations in seconds per operation type', async () => {
    const registry = new Registry();
    const metrics = createSyncMetrics(registry);

    metrics.recordOperation('sync_changes', 'success', 1_500);
    metrics.recordOperation('sync_changes', 'success');

    const text = await registry.getSingleMetricAsString('synclog_sync_operation_duration_seconds');
    expect(text).toContain('synclog_sync_operation_duration_seconds_count{operation_type="sync_changes"} 1');
    expect(text).toContain('synclog_sync_operation_duration_seconds_sum{operation_type="sync_changes"} 1.5');
    expect(text).toContain('synclog_sync_operation_duration_seconds_bucket{le="1.5",operation_type="sync_changes"} 1');
    expect(text).toContain('synclog_sync_operation_duration_seconds_bucket{le="1",operation_type="sync_changes"} 0');
  });

  it('has buckets from 10 ms to beyond a minute, close enough for p95 and p99', () => {
    expect(SYNC_DURATION_BUCKETS[0]).toBe(0.01);
    expect(SYNC_DURATION_BUCKETS).toContain(60);
    for (let i = 1; i < SYNC_DURATION_BUCKETS.length; i++) {
      const ratio = SYNC_DURATION_BUCKETS[i]! / SYNC_DURATION_BUCKETS[i - 1]!;
      expect(ratio).toBeGreaterThan(1);
      expect(ratio).toBeLessThanOrEqual(2.5);
    }
  });

  it('labels errors by constructor name', async () => {
    class OneCTimeoutError extends Error {}
    const registry = new Registry();
    const metrics = createSyncMetrics(registry);

    metrics.recordError('export_to_1c', new OneCTimeoutError('1C did not answer for customer ivan@example.ru'));
    metrics.recordError('export_to_1c', new TypeError('x'));
    metrics.recordError('data_validation', undefined);

    const labels = (await valuesOf(registry, 'synclog_sync_errors_total')).map((v) => v.labels);
    expect(labels).toEqual(
      expect.arrayContaining([
        { operation_type: 'export_to_1c', error_class: 'OneCTimeoutError' },
        { operation_type: 'export_to_1c', error_class: 'TypeError' },
        { operation_type: 'data_validation', error_class: 'none' },
      ]),
    );
  });

  it('counts classes beyond the limit, and unreadable ones, as other', async () => {
    const registry = new Registry();
    const metrics = createSyncMetrics(registry, { maxErrorClasses: 2 });
    const named = (name: string) => ({ constructor: { name } });

    metrics.recordError('batch_operation', named('FirstError'));
    metrics.recordError('batch_operation', named('SecondError'));
    metrics.recordError('batch_operation', named('ThirdError'));
    metrics.recordError('batch_operation', named('FirstError'));
    metrics.recordError('batch_operation', named('not a class: ivan@example.ru'));

    const classes = (await valuesOf(registry, 'synclog_sync_errors_total')).map((v) => [v.labels.error_class, v.value]);
    expect(Object.fromEntries(classes)).toEqual({ FirstError: 2, SecondError: 1, other: 2 });
  });

  it("counts an application's own operation types and statuses as other, beside the story's codes", async () => {
    const registry = new Registry();
    const metrics = createSyncMetrics(registry);

    metrics.recordOperation('price_update', 'done', 250);
    metrics.recordOperation('stock_sync', 'success');
    metrics.recordOperation('import_from_1c', 'on_hold');
    metrics.recordOperation('import_from_1c', 'success');
    metrics.recordError('price_update', new TypeError('x'));

    const counts = (await valuesOf(registry, 'synclog_sync_operations_total')).map((v) => [
      `${v.labels.operation_type} ${v.labels.status}`,
      v.value,
    ]);
    expect(Object.fromEntries(counts)).toEqual({
      'other other': 1,
      'other success': 1,
      'import_from_1c other': 1,
      'import_from_1c success': 1,
    });
    const text = await registry.getSingleMetricAsString('synclog_sync_operation_duration_seconds');
    expect(text).toContain('synclog_sync_operation_duration_seconds_count{operation_type="other"} 1');
    expect((await valuesOf(registry, 'synclog_sync_errors_total')).map((v) => v.labels)).toEqual([
      { operation_type: 'other', error_class: 'TypeError' },
    ]);
  });

  it('never puts e-mails, customer ids or 1C ids in a label, whatever the caller passes', async () => {
    const registry = new Registry();
    const metrics = createSyncMetrics(registry);

    metrics.recordOperation('ivan@example.ru', 'success', 10);
    metrics.recordOperation('import_from_1c', 'cust-10001', 10);
    metrics.recordError('ЦБ-000123', new Error('customer cust-10001 ivan@example.ru'));

    const values = await labelValues(registry);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).not.toMatch(/@|cust-|ЦБ/);
    expect(values).toContain('other');
  });

  it('sets the queue size and backlog gauges', async () => {
    const registry = new Registry();
    const metrics = createSyncMetrics(registry);

    metrics.setQueueSize(12);
    metrics.setBacklog(340);

    expect(await valuesOf(registry, 'synclog_sync_queue_size')).toEqual([expect.objectContaining({ value: 12 })]);
    expect(await valuesOf(registry, 'synclog_sync_backlog')).toEqual([expect.objectContaining({ value: 340 })]);
  });

  it('keeps two instances on two registries apart', async () => {
    const first = new Registry();
    const second = new Registry();
    createSyncMetrics(first).recordOperation('sync_changes', 'success');
    createSyncMetrics(second);

    expect(await valuesOf(first, 'synclog_sync_operations_total')).toHaveLength(1);
    expect(await valuesOf(second, 'synclog_sync_operations_total')).toHaveLength(0);
  });

  it('refuses a second instance on the same registry, naming the metric, and registers nothing more', async () => {
    const registry = new Registry();
    createSyncMetrics(registry);
    const before = (await registry.getMetricsAsJSON()).length;

    expect(() => createSyncMetrics(registry)).toThrow(/already holds synclog_sync_operations_total/);
    expect((await registry.getMetricsAsJSON()).length).toBe(before);
  });

  it('allows a second instance on the same registry under another prefix', () => {
    const registry = new Registry();
    createSyncMetrics(registry);
    expect(() => createSyncMetrics(registry, { prefix: 'tenant_b_' })).not.toThrow();
    expect(registry.getSingleMetric('tenant_b_sync_operations_total')).toBeDefined();
  });

  it('names the option when it is invalid', () => {
    expect(() => createSyncMetrics(new Registry(), { prefix: 'bad-prefix' })).toThrow(/options\.prefix/);
    expect(() => createSyncMetrics(new Registry(), { maxErrorClasses: 0 })).toThrow(/options\.maxErrorClasses/);
  });
});
