import { describe, expect, it } from 'vitest';
import { contextFromTraceparent, formatTraceparent, parseTraceparent, traceparentFor } from './traceparent.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const HEADER = `00-${TRACE}-${SPAN}-01`;

describe('parseTraceparent', () => {
  it('reads the trace id, the parent span id and the sampled flag of a version-00 header', () => {
    expect(parseTraceparent(HEADER)).toEqual({ version: '00', traceId: TRACE, spanId: SPAN, traceFlags: 1 });
  });

  it('gives back the same header when its fields are formatted again', () => {
    const parsed = parseTraceparent(`00-${TRACE}-${SPAN}-03`);
    expect(parsed && formatTraceparent(parsed)).toBe(`00-${TRACE}-${SPAN}-03`);
  });

  it('ignores surrounding whitespace, as HTTP header values may carry it', () => {
    expect(parseTraceparent(`  ${HEADER} `)?.traceId).toBe(TRACE);
  });

  it.each([
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['an all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['the forbidden version ff', `ff-${TRACE}-${SPAN}-01`],
    ['a version that is not hex', `0g-${TRACE}-${SPAN}-01`],
    ['a one-digit version', `0-${TRACE}-${SPAN}-01`],
    ['upper-case hex', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['a short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['a long span id', `00-${TRACE}-${SPAN}0-01`],
    ['bad flags', `00-${TRACE}-${SPAN}-1`],
    ['a version-00 header with an extra field', `${HEADER}-extra`],
    ['missing fields', `00-${TRACE}`],
    ['an empty header', ''],
    ['no header', undefined],
    ['a repeated header', [HEADER, HEADER]],
  ])('rejects %s', (_, header) => {
    expect(parseTraceparent(header as string | string[] | undefined)).toBeUndefined();
  });

  it('reads a later version by its first four fields, so newer callers still join the trace', () => {
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-01-future`)).toEqual({
      version: '01',
      traceId: TRACE,
      spanId: SPAN,
      traceFlags: 1,
    });
  });
});

describe('formatTraceparent', () => {
  it('writes version 00 with flags as two hex digits, not sampled by default', () => {
    expect(formatTraceparent({ traceId: TRACE, spanId: SPAN })).toBe(`00-${TRACE}-${SPAN}-00`);
  });

  it('throws for ids it would have to invent or mangle, since formatting them is a bug', () => {
    expect(() => formatTraceparent({ traceId: '0'.repeat(32), spanId: SPAN })).toThrow(/traceId/);
    expect(() => formatTraceparent({ traceId: TRACE, spanId: 'xyz' })).toThrow(/spanId/);
    expect(() => formatTraceparent({ traceId: TRACE, spanId: SPAN, traceFlags: 256 })).toThrow(/traceFlags/);
  });
});

describe('contextFromTraceparent and traceparentFor', () => {
  it('turn an incoming header into a context and back into the header to send on', () => {
    const context = contextFromTraceparent(HEADER);
    expect(context).toEqual({ trace_id: TRACE, span_id: SPAN, trace_flags: 1 });
    expect(traceparentFor(context)).toBe(HEADER);
  });

  it('give an empty context for an invalid header and no header for a context without ids', () => {
    expect(contextFromTraceparent('garbage')).toEqual({});
    expect(traceparentFor({ correlation_id: 'run-1' })).toBeUndefined();
    expect(traceparentFor({ trace_id: TRACE })).toBeUndefined();
  });

  it('send unsampled flags rather than throw when the context holds impossible flags', () => {
    expect(traceparentFor({ trace_id: TRACE, span_id: SPAN, trace_flags: 999 })).toBe(`00-${TRACE}-${SPAN}-00`);
  });
});
