import { describe, expect, it } from 'vitest';
import { hashValue, parseKeyRing } from '../../opensearch/privacy/hmac-keys.ts';
import { resolvePolicy } from '../../opensearch/privacy/personal-data-policy.ts';
import { searchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import { logsFilter } from './logs-filter.ts';

const keys = parseKeyRing('k2:second-secret-of-at-least-32-characters\nk1:first-secret-of-at-least-32-characters!');
const shouldOf = (query: Record<string, unknown>) =>
  (query as { bool: { must: Array<{ bool: { should: unknown[] } }> } }).bool.must[0]!.bool.should;

describe('the free-text search under a personal data policy', () => {
  it('also looks for the term hashed under every configured key, beside the clear-value clauses', () => {
    const should = shouldOf(logsFilter({ q: 'Ivan@Example.ru' }, searchPrivacy(resolvePolicy('strict'), keys)));
    expect(should[0]).toEqual({
      terms: { customer_email: keys.all.map((key) => hashValue(key, 'ivan@example.ru')) },
    });
    expect(should).toContainEqual({ term: { customer_email: 'Ivan@Example.ru' } });
  });

  it('is the clear-value search alone without a policy', () => {
    expect(shouldOf(logsFilter({ q: 'Ivan@Example.ru' }))).toHaveLength(7);
  });
});
