import { describe, expect, it } from 'vitest';
import { hashValue, parseKeyRing } from './hmac-keys.ts';
import { resolvePolicy } from './personal-data-policy.ts';
import { MASKED, personalDataProtector } from './personal-data-protector.ts';
import { KEEP_SEARCH, searchPrivacy } from './search-terms.ts';

const older = parseKeyRing('k1:first-secret-of-at-least-32-characters!');
const rotated = parseKeyRing('k2:second-secret-of-at-least-32-characters\nk1:first-secret-of-at-least-32-characters!');

describe('hashed search terms', () => {
  it('find a record hashed under an older key and one hashed under the current key', () => {
    const before = personalDataProtector(resolvePolicy('strict'), older)!.protectRecord({
      customer_email: 'Ivan@Example.ru',
    });
    const after = personalDataProtector(resolvePolicy('strict'), rotated)!.protectRecord({
      customer_email: 'ivan@example.ru',
    });
    const [clause] = searchPrivacy(resolvePolicy('strict'), rotated).hashedTermClauses(' IVAN@EXAMPLE.RU');
    expect(clause).toEqual({ terms: { customer_email: [after.customer_email, before.customer_email] } });
    expect(before.customer_email).not.toBe(after.customer_email);
  });

  it('cover every field the policy hashes, names by their exact keyword', () => {
    const privacy = searchPrivacy(
      resolvePolicy({ fields: { customer_email: 'hash', 'customer.name': 'hash', onec_id: 'hash' } }),
      older,
    );
    const hash = hashValue(older.current, 'ЦБ-000123');
    expect(privacy.hashedTermClauses('ЦБ-000123')).toEqual([
      { terms: { customer_email: [hash] } },
      { terms: { onec_id: [hash] } },
      { terms: { 'customer.name.keyword': [hash] } },
    ]);
  });

  it('add nothing under keep, or when nothing searched is hashed', () => {
    expect(KEEP_SEARCH.hashedTermClauses('ivan@example.ru')).toEqual([]);
    expect(searchPrivacy(resolvePolicy({ text: { email: 'hash' } }), older).hashedTermClauses('x@y.ru')).toEqual([]);
  });
});

describe('filters kept in the access log and export manifests', () => {
  const strict = searchPrivacy(resolvePolicy('strict'), rotated);

  it('keep an e-mail search as the records hold the e-mail: hashed under the current key', () => {
    expect(strict.protectFilters({ q: 'Ivan@Example.ru', status: ['error'] })).toEqual({
      q: hashValue(rotated.current, 'ivan@example.ru'),
      status: ['error'],
    });
  });

  it('mask any other free text while names are masked, and the patterns in other values', () => {
    expect(strict.protectFilters({ q: 'Иванов Иван', correlation_id: 'call +7 912 345 67 89' })).toEqual({
      q: MASKED,
      correlation_id: 'call [phone]',
    });
  });

  it('keep filters as given under keep', () => {
    const filters = { q: 'ivan@example.ru' };
    expect(KEEP_SEARCH.protectFilters(filters)).toBe(filters);
  });
});
