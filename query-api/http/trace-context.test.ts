import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { currentContext, runWithContext } from '../../shipper/index.ts';
import { traceContext } from './trace-context.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

const app = new Hono().use('*', traceContext()).get('/context', async (c) => {
  // After an await, as a handler reading OpenSearch would be.
  await Promise.resolve();
  return c.json(currentContext());
});
const contextOf = async (headers: Record<string, string>) => (await app.request('/context', { headers })).json();

describe('traceContext', () => {
  it('runs the request in the trace of its traceparent, keeping the sampled flag', async () => {
    expect(await contextOf({ traceparent: `00-${TRACE}-${SPAN}-01` })).toEqual({
      trace_id: TRACE,
      span_id: SPAN,
      trace_flags: 1,
    });
  });

  it('adds nothing for an absent or malformed header', async () => {
    expect(await contextOf({})).toEqual({});
    expect(await contextOf({ traceparent: `00-${TRACE.toUpperCase()}-${SPAN}-01` })).toEqual({});
  });

  it('keeps what the surrounding context holds when the header is absent', async () => {
    const seen = await runWithContext({ correlation_id: 'run-9' }, () => contextOf({}));
    expect(seen).toEqual({ correlation_id: 'run-9' });
  });
});
