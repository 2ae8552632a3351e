import { describe, expect, it } from 'vitest';
import { hashValue, parseKeyRing } from '../../opensearch/privacy/hmac-keys.ts';
import { resolvePolicy } from '../../opensearch/privacy/personal-data-policy.ts';
import { KEEP_SEARCH, searchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import { personalValue, searchNote } from './personal-value.ts';

const keys = parseKeyRing('k1:first-secret-of-at-least-32-characters!');

describe('personal data values in the console', () => {
  it('marks a hash with its key id, the hash kept in the title', async () => {
    const hash = hashValue(keys.current, 'ivan@example.ru');
    const shown = String(await personalValue(hash));
    expect(shown).toContain('class="hashed"');
    expect(shown).toContain('hashed (key k1)');
    expect(shown).toContain(`title="${hash}"`);
  });

  it('marks a masked value, and shows any other value as it is', async () => {
    expect(String(await personalValue('[masked]'))).toContain('class="masked"');
    expect(personalValue('ivan@example.ru')).toBe('ivan@example.ru');
    expect(personalValue(undefined)).toBe('');
  });

  it('says under the search box that word search on masked names is lost, and nothing under keep', () => {
    const note = searchNote(searchPrivacy(resolvePolicy('strict'), keys));
    expect(note).toContain('customer names are masked: word search on a name finds nothing');
    expect(note).toContain('e-mails are hashed: search by the exact address');
    expect(searchNote(KEEP_SEARCH)).toBe('');
  });
});
