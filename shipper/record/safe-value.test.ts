import { describe, expect, it } from 'vitest';
import { safeValue } from './safe-value.ts';

describe('safeValue', () => {
  it('hands plain JSON within the limits back as it is, without a copy', () => {
    const details = {
      customer_type: 'legal',
      changes: [{ field: 'inn', from: '1', to: '2' }],
      amount: 12.5,
      ok: true,
      none: null,
    };
    expect(safeValue(details)).toBe(details);
  });

  it('copies anything that would not serialise as itself, and never changes the original', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    const cases: Array<[unknown, unknown]> = [
      [{ at: new Date('2026-11-23T10:00:00Z') }, { at: '2026-11-23T10:00:00.000Z' }],
      [{ big: 10n }, { big: '10' }],
      [{ skip: undefined, keep: 1 }, { keep: 1 }],
      [{ n: Number.NaN }, { n: 'NaN' }],
      [{ long: 'x'.repeat(9_000) }, { long: `${'x'.repeat(8_192)}…[9000 chars]` }],
      [cyclic, { name: 'a', self: '[circular]' }],
      [{ list: new Set([1, 2]) }, { list: [1, 2] }],
    ];
    for (const [input, expected] of cases) {
      const before = JSON.stringify(input, (_k, v: unknown) =>
        typeof v === 'bigint' ? `${v}n` : v === input && _k ? '[self]' : v,
      );
      const safe = safeValue(input);
      expect(safe).not.toBe(input);
      expect(safe).toEqual(expected);
      expect(
        JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === input && _k ? '[self]' : v)),
      ).toBe(before);
    }
  });

  it('cuts nesting at the depth limit, also in values that are otherwise plain', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const safe = JSON.stringify(safeValue(deep));
    expect(safe).toContain('[depth limit]');
    expect(safe).not.toContain('leaf');
  });
});
