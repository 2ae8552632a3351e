import { type Span } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { createCaptureLogger } from '../loggers/capture-logger.ts';
import { createCustomerSyncLogger } from '../loggers/customer-sync-logger.ts';
import { createStructuredLogger } from '../loggers/structured-logger.ts';
import { runWithContext } from './correlation-context.ts';
import { startTracingSdk, type TracingSdk } from './fixtures/tracing-sdk.ts';

let sdk: TracingSdk;
beforeAll(() => {
  sdk = startTracingSdk();
});
afterAll(() => sdk.stop());

function setup() {
  const capture = createCaptureLogger();
  const log = createStructuredLogger({ logger: capture.logger, service: { name: 'crm-api' } });
  const sync = createCustomerSyncLogger({ logger: capture.logger });
  const records = (): SyncLogRecord[] =>
    capture.normalised().map((result) => {
      if (!result.ok) throw new Error(`record rejected: ${result.reason}`);
      return result.record;
    });
  return { log, sync, records };
}

// The ids a record must carry, read from the SDK's own span rather than from anything synclog computed.
const idsOf = (span: Span) => ({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });

describe('records logged under the OpenTelemetry SDK', () => {
  // First in this file on purpose: each test file gets fresh modules, so this is the first record
  // the process-wide span source ever sees, logged right after the SDK started and without a preload.
  it('carry the trace and span ids of the active span, the very first record included', () => {
    const { log, records } = setup();
    const span = sdk.tracer.startActiveSpan('import', (span) => {
      log.info('inside the span');
      span.end();
      return span;
    });
    expect(records()[0]).toMatchObject(idsOf(span));
  });

  it('keep the span after an await and inside a setTimeout callback', async () => {
    const { log, records } = setup();
    const span = await sdk.tracer.startActiveSpan('export', async (span) => {
      await Promise.resolve();
      log.info('after an await');
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          log.info('in a timer');
          resolve();
        }, 0),
      );
      span.end();
      return span;
    });
    expect(records().map((r) => [r.message, r.trace_id, r.span_id])).toEqual([
      ['after an await', ...Object.values(idsOf(span))],
      ['in a timer', ...Object.values(idsOf(span))],
    ]);
  });

  it('carry a nested child span’s own span id, in its parent’s trace, and the parent’s again after it ends', () => {
    const { log, records } = setup();
    const { parent, child } = sdk.tracer.startActiveSpan('run', (parent) => {
      const child = sdk.tracer.startActiveSpan('customer', (child) => {
        log.info('in the child');
        child.end();
        return child;
      });
      log.info('back in the parent');
      parent.end();
      return { parent, child };
    });

    const [inChild, inParent] = records();
    expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(child.spanContext().spanId).not.toBe(parent.spanContext().spanId);
    expect(inChild).toMatchObject(idsOf(child));
    expect(inParent).toMatchObject(idsOf(parent));
  });

  it('give sync records the span too', () => {
    const { sync, records } = setup();
    const span = sdk.tracer.startActiveSpan('sync', (span) => {
      sync.logCustomerImport({ customer: { id: 'c-1', name: 'A' }, result: { status: 'success' } });
      span.end();
      return span;
    });
    expect(records()[0]).toMatchObject({ operation_type: 'import_from_1c', ...idsOf(span) });
  });

  it('carry no trace ids outside any span, and the correlation context’s own trace where it has one', () => {
    const { log, records } = setup();
    const own = { trace_id: '0123456789abcdef0123456789abcdef', span_id: 'fedcba9876543210' };
    log.info('no span');
    runWithContext(own, () => sdk.tracer.startActiveSpan('ignored', (span) => (log.info('own trace'), span.end())));

    const [outside, withOwn] = records();
    expect(outside?.trace_id).toBeUndefined();
    expect(outside?.span_id).toBeUndefined();
    expect(withOwn).toMatchObject(own);
  });
});
