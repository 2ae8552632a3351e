import { describe, expect, it, vi } from 'vitest';
import { createActiveSpanSource } from './active-span.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

function fakeApi(span: { traceId: string; spanId: string; traceFlags: number } | undefined) {
  return { context: { active: () => 'ctx' }, trace: { getSpanContext: () => span } };
}

describe('createActiveSpanSource', () => {
  it('imports the API once, however often it is asked, and then reports the active span', async () => {
    const importer = vi.fn(async () => fakeApi({ traceId: TRACE, spanId: SPAN, traceFlags: 1 }));
    const source = createActiveSpanSource(importer);

    expect(source.ids()).toBeUndefined();
    expect(await source.load()).toBe(true);
    source.ids();
    await source.load();

    expect(source.ids()).toEqual({ traceId: TRACE, spanId: SPAN, traceFlags: 1 });
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it('treats a missing package as no tracing, without an error', async () => {
    const importer = vi.fn(() => Promise.reject(new Error("Cannot find package '@opentelemetry/api'")));
    const source = createActiveSpanSource(importer);

    expect(await source.load()).toBe(false);
    expect(source.ids()).toBeUndefined();
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it('ignores a module that does not look like the API', async () => {
    const source = createActiveSpanSource(async () => ({ something: 'else' }));
    expect(await source.load()).toBe(false);
    expect(source.ids()).toBeUndefined();
  });

  it('reports no span when the active one is invalid or missing', async () => {
    const invalid = createActiveSpanSource(async () =>
      fakeApi({ traceId: '0'.repeat(32), spanId: SPAN, traceFlags: 0 }),
    );
    const none = createActiveSpanSource(async () => fakeApi(undefined));
    await Promise.all([invalid.load(), none.load()]);
    expect(invalid.ids()).toBeUndefined();
    expect(none.ids()).toBeUndefined();
  });

  it('keeps logging alive when the tracing setup throws', async () => {
    const throwing = {
      context: {
        active: () => {
          throw new Error('broken context manager');
        },
      },
      trace: { getSpanContext: () => undefined },
    };
    const source = createActiveSpanSource(async () => throwing);
    await source.load();
    expect(source.ids()).toBeUndefined();
  });
});
