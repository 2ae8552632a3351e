import { describe, expect, it } from 'vitest';
import { newEventId } from './event-id.ts';

describe('newEventId', () => {
  it('gives a version 7 UUID carrying the given time in its first 48 bits', () => {
    const id = newEventId(Date.parse('2026-11-23T10:00:00.000Z'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-23T10:00:00.000Z'));
  });

  it('never repeats, across more ids than one block of random bytes', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => newEventId(now)));
    expect(ids.size).toBe(10_000);
  });

  it('orders ids by time', () => {
    expect(newEventId(1_000) < newEventId(2_000)).toBe(true);
  });
});
