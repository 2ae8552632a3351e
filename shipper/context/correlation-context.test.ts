import { AsyncLocalStorage } from 'node:async_hooks';
import { context, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preloadOpenTelemetry } from './active-span.ts';
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

/** The smallest context manager that makes `context.with` work without an SDK. */
class TestContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

describe('currentContext with OpenTelemetry', () => {
  const span = {
    traceId: 'aaaabbbbccccddddeeeeffff00001111',
    spanId: '1234567890abcdef',
    traceFlags: TraceFlags.SAMPLED,
  };
  const inSpan = <R>(fn: () => R): R => context.with(trace.setSpanContext(context.active(), span), fn);

  beforeAll(async () => {
    context.setGlobalContextManager(new TestContextManager());
    expect(await preloadOpenTelemetry()).toBe(true);
  });
  afterAll(() => context.disable());

  it('uses the active span when the context has no trace id', () => {
    const seen = runWithContext({ correlation_id: 'run-1' }, () => inSpan(() => currentContext()));
    expect(seen).toEqual({ correlation_id: 'run-1', trace_id: span.traceId, span_id: span.spanId, trace_flags: 1 });
  });

  it('prefers the trace the context already holds', () => {
    const own = { trace_id: '0123456789abcdef0123456789abcdef', span_id: 'fedcba9876543210' };
    expect(runWithContext(own, () => inSpan(() => currentContext()))).toEqual(own);
  });

  it('adds nothing outside a span', () => {
    expect(runWithContext({ correlation_id: 'run-2' }, () => currentContext())).toEqual({ correlation_id: 'run-2' });
  });
});
