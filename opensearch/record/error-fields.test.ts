import { describe, expect, it } from 'vitest';
import { errorFields, errorFingerprint, truncate } from './error-fields.ts';
import { LIMITS } from './vocabulary.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { HOSTILE_STRINGS } from '../../test/generator/hostile-strings.ts';
import { seededRandom } from '../../test/generator/seeded-random.ts';

describe('errorFields', () => {
  it('truncates a huge message and keeps its original length', () => {
    const message = 'x'.repeat(LIMITS.errorMessageChars + 500);
    const fields = errorFields({ message });
    expect(fields.error_message).toHaveLength(LIMITS.errorMessageChars);
    expect(fields.error_message_length).toBe(LIMITS.errorMessageChars + 500);
  });

  it('leaves a short message whole and records no length', () => {
    const fields = errorFields({ message: 'Timeout', type: 'TimeoutError', stack: 'at x' });
    expect(fields).toMatchObject({ error_message: 'Timeout', error_type: 'TimeoutError', error_stack: 'at x' });
    expect(fields.error_message_length).toBeUndefined();
  });

  it('never splits a surrogate pair when truncating', () => {
    const { text, truncated } = truncate('ab😀', 3);
    expect(truncated).toBe(true);
    expect(text).toBe('ab');
  });
});

describe('errorFingerprint', () => {
  it('groups messages that differ only in ids, numbers, e-mails and quoted values', () => {
    const a = errorFingerprint('Customer 12345 (ivan@example.ru) not found in 1C: "ЦБ-000123"');
    const b = errorFingerprint('Customer 987 (Olga.P@mail.ru) not found in 1C: "ЦБ-77"');
    expect(a).toBe(b);
  });

  it('keeps different messages apart', () => {
    expect(errorFingerprint('Customer 1 not found')).not.toBe(errorFingerprint('Connection to 1C refused'));
  });

  it('replaces uuids and timestamps', () => {
    expect(errorFingerprint('op 0192f5e2-7c1a-7abc-8def-0123456789ab failed at 2026-11-23T10:00:00Z')).toBe(
      'op <uuid> failed at <time>',
    );
  });
});

/** The fingerprint's rules as first written: one plain pass each over the whole message. */
const REFERENCE_RULES: ReadonlyArray<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b[0-9a-f]{16,}\b/gi, '<hex>'],
  [/"[^"]*"|'[^']*'|«[^»]*»/g, '<str>'],
  [/[\p{L}_-]*\d[\p{L}\d_./:-]*/gu, '<n>'],
  [/\s+/g, ' '],
];
const referenceFingerprint = (message: string) =>
  truncate(
    REFERENCE_RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message)
      .trim()
      .toLowerCase(),
    LIMITS.fingerprintChars,
  ).text;

// Letters (ASCII, Cyrillic, astral, title case), digits and non-digits that look like them, the
// pattern's punctuation, quotes, spaces and a combining mark: where the fast forms could differ.
const ALPHABET = [...'aZfxяЁßǅ_-./:07٣ \n\t"\'«»@#(),\u0301', '𝒜', '0x', 'ЦБ-', '2026-11-23T10:00:00Z'];

describe('errorFingerprint against its plain definition', () => {
  it('gives what one plain pass per rule gives, for generated, hostile and random messages', () => {
    const random = seededRandom(21);
    const fuzzed = Array.from({ length: 3_000 }, () =>
      Array.from({ length: random.int(0, 40) }, () => random.pick(ALPHABET)).join(''),
    );
    const generated = generateRecords({
      seed: 5,
      count: 3_000,
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
    }).flatMap((record) => (record.error_message ? [record.error_message] : []));
    expect(generated.length).toBeGreaterThan(100);
    for (const message of [...generated, ...HOSTILE_STRINGS, ...fuzzed]) {
      expect(errorFingerprint(message), message).toBe(referenceFingerprint(message));
    }
  });
});
