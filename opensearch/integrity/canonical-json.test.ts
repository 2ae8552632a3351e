import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** A deterministic generator of JSON-like values, with the keys and numbers JCS is particular about. */
function* values(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const keys = ['10', '9', '1', 'a', 'B', 'ä', 'я', 'ЦБ', '€', '\u{1F600}', 'a b', '', 'z\n', '_'];
  const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.123, 2 ** 53, -3.5e-300, 5e-324];
  const leaf = () => {
    const r = next();
    if (r < 0.3) return numbers[Math.floor(next() * numbers.length)];
    if (r < 0.6) return `${keys[Math.floor(next() * keys.length)]} «текст» "q" \\ \u0007`;
    if (r < 0.75) return next() < 0.5;
    return null;
  };
  const build = (depth: number): unknown => {
    if (depth === 0 || next() < 0.3) return leaf();
    if (next() < 0.3) return Array.from({ length: Math.floor(next() * 4) }, () => build(depth - 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 6); i > 0; i--) object[keys[Math.floor(next() * keys.length)]!] = build(depth - 1);
    return object;
  };
  for (let i = 0; i < count; i++) yield build(4);
}

describe('canonical JSON', () => {
  it('spells 5,000 generated values exactly as the canonicalize package (RFC 8785) does', () => {
    for (const value of values(7, 5_000)) expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('orders integer-like keys as text, not as JavaScript orders them', () => {
    expect(canonicalJson({ 10: 'x', 9: 'y', a: 1 })).toBe('{"10":"x","9":"y","a":1}');
  });

  it('leaves out undefined members and spells undefined array items as null', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1], c: { d: 1 } })).toBe('{"a":[null,1],"c":{"d":1}}');
  });

  it('spells lone surrogates and non-finite numbers as JSON.stringify stores them, where JCS would refuse', () => {
    const value = { text: 'a\uD800b', n: Number.NaN, m: -Infinity };
    expect(canonicalJson(value)).toBe('{"m":null,"n":null,"text":"a\\ud800b"}');
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});
