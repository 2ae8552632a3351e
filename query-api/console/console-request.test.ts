import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_ID, firstIssue, formComment, formParams } from './console-request.ts';

describe('reading console requests', () => {
  it('drops the empty values a submitted form sends for "any", keeping repeated ones as a list', async () => {
    const app = new Hono().get('/', (c) => c.json(formParams(c)));
    const res = await app.request('/?status=error&status=&status=partial&q=&to=now&reviewed=');
    expect(await res.json()).toEqual({ status: ['error', 'partial'], to: 'now' });
  });

  it('names the field of the first problem, or "filters" for one about the whole query', () => {
    const fields = z.object({ size: z.number() }).safeParse({ size: 'x' });
    expect(firstIssue(fields.error!)).toMatch(/^size: /);
    const whole = z
      .object({})
      .refine(() => false, { message: 'choose one' })
      .safeParse({});
    expect(firstIssue(whole.error!)).toBe('filters: choose one');
  });

  it('trims a comment, caps it at 2,000 characters and leaves a blank one out', () => {
    expect(formComment('  checked  ')).toBe('checked');
    expect(formComment('x'.repeat(2_500))).toHaveLength(2_000);
    expect(formComment('   ')).toBeUndefined();
    expect(formComment(['a', 'b'])).toBeUndefined();
    expect(formComment(undefined)).toBeUndefined();
  });

  it('looks up only event ids shaped as UUIDs', () => {
    expect(EVENT_ID.test('01a23457-9a09-72c3-a83f-370e44f10db2')).toBe(true);
    expect(EVENT_ID.test('not-an-id')).toBe(false);
    expect(EVENT_ID.test('01a23457-9a09-72c3-a83f-370e44f10db2/x')).toBe(false);
  });
});
