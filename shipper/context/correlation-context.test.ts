import { TraceFlags } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracingSdk, type TracingSdk } from './fixtures/tracing-sdk.ts';
import { currentContext, runWithContext } from './correlation-context.ts';

describe('runWithContext', () => {
  it('gives an empty context outside any run', () => {
    expect(currentContext()).toEqual({});
  });

  it('lets nested runs inherit what they do not override', () => {
    const seen = runWithContext({ correlation_id: 'run-1', user_id: 'u-1' }, () =>
      runWithContext({ request_id: 'req-7', user_id: 'u-2' }, () => currentContext()),
    );
    expect(seen).toEqual({ correlation_id: 'run-1', request_id: 'req-7', user_id: 'u-2' });
  });

  it('restores the outer context when a nested run ends', () => {
    runWithContext({ correlation_id: 'outer' }, () => {
      runWithContext({ correlation_id: 'inner' }, () => expect(currentContext().correlation_id).toBe('inner'));
      expect(currentContext().correlation_id).toBe('outer');
    });
  });

  it('does not let an undefined value erase an inherited one', () => {
    const seen = runWithContext({ correlation_id: 'run-1' }, () =>
      runWithContext({ correlation_id: undefined }, () => currentContext()),
    );
    expect(seen.correlation_id).toBe('run-1');
  });

  it('follows the run across awaits and timers', async () => {
    const seen = await runWithContext({ correlation_id: 'run-async' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentContext().correlation_id;
    });
    expect(seen).toBe('run-async');
  });

  it('keeps concurrent runs apart', async () => {
    const run = (id: string) =>
      runWithContext({ correlation_id: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return currentContext().correlation_id;
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual(['a', 'b']);
  });
});

describe('currentContext with the OpenTelemetry SDK', () => {
  let sdk: TracingSdk;
  beforeAll(() => {
    sdk = startTracingSdk();
  });
  afterAll(() => sdk.stop());

  it('uses the active span when the context has no trace id', () => {
    const { seen, span } = runWithContext({ correlation_id: 'run-1' }, () =>
      sdk.tracer.startActiveSpan('work', (span) => {
        span.end();
        return { seen: currentContext(), span: span.spanContext() };
      }),
    );
    expect(seen).toEqual({
      correlation_id: 'run-1',
      trace_id: span.traceId,
      span_id: span.spanId,
      trace_flags: TraceFlags.SAMPLED,
    });
  });

  it('prefers the trace the context already holds', () => {
    const own = { trace_id: '0123456789abcdef0123456789abcdef', span_id: 'fedcba9876543210' };
    const seen = runWithContext(own, () =>
      sdk.tracer.startActiveSpan('work', (span) => (span.end(), currentContext())),
    );
    expect(seen).toEqual(own);
  });

  it('adds nothing outside a span', () => {
    expect(runWithContext({ correlation_id: 'run-2' }, () => currentContext())).toEqual({ correlation_id: 'run-2' });
  });
});
