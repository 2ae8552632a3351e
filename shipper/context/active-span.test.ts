import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActiveSpanSource } from './active-span.ts';
import { startTracingSdk, type TracingSdk } from './fixtures/tracing-sdk.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

// Stand-ins for modules that are not the API, or an API whose context manager fails: the real
// SDK cannot be made to do either.
function apiReturning(span: { traceId: string; spanId: string; traceFlags: number } | undefined) {
  return { context: { active: () => 'ctx' }, trace: { getSpanContext: () => span } };
}

describe('createActiveSpanSource with the real OpenTelemetry SDK', () => {
  let sdk: TracingSdk;
  beforeAll(() => {
    sdk = startTracingSdk();
  });
  afterAll(() => sdk.stop());

  it('reads the span of the active context on its very first call, without a preload', () => {
    const source = createActiveSpanSource();
    const seen = sdk.tracer.startActiveSpan('first', (span) => {
      span.end();
      return { ids: source.ids(), expected: span.spanContext() };
    });
    expect(seen.ids).toEqual({
      traceId: seen.expected.traceId,
      spanId: seen.expected.spanId,
      traceFlags: seen.expected.traceFlags,
    });
  });

  it('reports no span outside any active span', async () => {
    const source = createActiveSpanSource();
    expect(await source.load()).toBe(true);
    expect(source.ids()).toBeUndefined();
  });
});

describe('createActiveSpanSource', () => {
  it('loads the API once, however often it is asked', async () => {
    const loadApi = vi.fn(() => apiReturning({ traceId: TRACE, spanId: SPAN, traceFlags: 1 }));
    const source = createActiveSpanSource(loadApi);

    expect(source.ids()).toEqual({ traceId: TRACE, spanId: SPAN, traceFlags: 1 });
    expect(await source.load()).toBe(true);
    source.ids();

    expect(loadApi).toHaveBeenCalledTimes(1);
  });

  it('treats a missing package as no tracing, without an error, and does not look again', async () => {
    const loadApi = vi.fn(() => {
      throw new Error("Cannot find module '@opentelemetry/api'");
    });
    const source = createActiveSpanSource(loadApi);

    expect(source.ids()).toBeUndefined();
    expect(await source.load()).toBe(false);
    expect(loadApi).toHaveBeenCalledTimes(1);
  });

  it('ignores a module that does not look like the API', async () => {
    const source = createActiveSpanSource(() => ({ something: 'else' }));
    expect(await source.load()).toBe(false);
    expect(source.ids()).toBeUndefined();
  });

  it('reports no span when the active one is invalid or missing', () => {
    const invalid = createActiveSpanSource(() =>
      apiReturning({ traceId: '0'.repeat(32), spanId: SPAN, traceFlags: 0 }),
    );
    const none = createActiveSpanSource(() => apiReturning(undefined));
    expect(invalid.ids()).toBeUndefined();
    expect(none.ids()).toBeUndefined();
  });

  it('keeps logging alive when the tracing setup throws', () => {
    const throwing = {
      context: {
        active: () => {
          throw new Error('broken context manager');
        },
      },
      trace: { getSpanContext: () => undefined },
    };
    expect(createActiveSpanSource(() => throwing).ids()).toBeUndefined();
  });
});
