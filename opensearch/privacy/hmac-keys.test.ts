import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HASHED, hashKeyId, hashValue, KeyRingError, parseKeyRing } from './hmac-keys.ts';
import { normaliseTerm } from './normalise-term.ts';

const SECRET_1 = 'first-secret-of-at-least-32-characters!';
const SECRET_2 = 'second-secret-of-at-least-32-characters';

describe('normaliseTerm', () => {
  it.each([
    ['  Ivan.Petrov@Example.RU ', 'ivan.petrov@example.ru'],
    ['Ÿvès.Müller@Exämple.de', 'yves.muller@example.de'],
    ['Straße@ÆØ.dk', 'strasse@aeo.dk'],
    ['ЦБ-000123', 'цб-000123'],
    ['Йошкар-Ола Ёлки', 'йошкар-ола ёлки'],
  ])('normalises %j to %j, as the synclog_lowercase normaliser matches', (value, expected) => {
    expect(normaliseTerm(value)).toBe(expected);
  });
});

describe('parseKeyRing', () => {
  it('reads id:secret entries, newest first, from lines or commas, skipping comments', () => {
    const ring = parseKeyRing(`# rotated 2026-05\nk2:${SECRET_2}\n\nk1:${SECRET_1}\n`);
    expect(ring.current.id).toBe('k2');
    expect(ring.all.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(parseKeyRing(`k2:${SECRET_2}, k1:${SECRET_1}`).all.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it.each([
    ['', /no key/],
    [`K1:${SECRET_1}`, /entry 1: key id/],
    [`k1:short`, /entry 1 \(k1\): secret must be 32\+/],
    [`k1:${SECRET_1}\nk1:${SECRET_2}`, /entry 2: key id k1 appears twice/],
    [SECRET_1, /entry 1/],
  ])('refuses %j, naming the entry and never the secret', (text, reason) => {
    expect(() => parseKeyRing(text)).toThrow(KeyRingError);
    expect(() => parseKeyRing(text)).toThrow(reason);
    try {
      parseKeyRing(text);
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET_1);
    }
  });
});

describe('hashValue', () => {
  const [k2, k1] = parseKeyRing(`k2:${SECRET_2}\nk1:${SECRET_1}`).all;

  it('is HMAC-SHA-256 over the normalised value, with the key id, in lower-case ASCII', () => {
    const expected = createHmac('sha256', SECRET_1).update('ivan@example.ru').digest('hex');
    expect(hashValue(k1!, ' IVAN@Example.ru')).toBe(`hmac:k1:${expected}`);
    const hashed = hashValue(k1!, 'ivan@example.ru');
    expect(hashed).toMatch(HASHED);
    expect(hashed.toLowerCase()).toBe(hashed);
    expect(hashKeyId(hashed)).toBe('k1');
  });

  it('differs between keys and between values, and leaves a hash as it is', () => {
    const byK1 = hashValue(k1!, 'ivan@example.ru');
    expect(hashValue(k2!, 'ivan@example.ru')).not.toBe(byK1);
    expect(hashValue(k1!, 'ivan@example.com')).not.toBe(byK1);
    expect(hashValue(k2!, byK1)).toBe(byK1);
    expect(hashKeyId('ivan@example.ru')).toBeUndefined();
  });
});
