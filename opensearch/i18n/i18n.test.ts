import { describe, expect, it } from 'vitest';
import { defineCatalogue } from './catalogue.ts';
import { formatDateTime, formatDay, knownTimeZone } from './date-format.ts';
import { negotiateLocale } from './locale.ts';
import { formatCount, spreadsheetNumber } from './number-format.ts';
import { translator } from './translator.ts';
import { labelOf } from './vocabulary-label.ts';

const texts = defineCatalogue(
  { operations: { one: '{count} operation', other: '{count} operations' }, hello: 'Hello, {name}' },
  {
    operations: {
      one: '{count} операция',
      few: '{count} операции',
      many: '{count} операций',
      other: '{count} операции',
    },
    hello: 'Здравствуйте, {name}',
  },
);

describe('catalogues and translation', () => {
  it('chooses Russian plural forms by Intl.PluralRules: 1 операция, 2 операции, 5 операций, 21 операция', () => {
    const t = translator(texts, 'ru');
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => t('operations', { count }))).toEqual([
      '1 операция',
      '2 операции',
      '5 операций',
      '11 операций',
      '21 операция',
      '22 операции',
      '25 операций',
    ]);
  });

  it('writes counts inside texts grouped the language’s way', () => {
    expect(translator(texts, 'en')('operations', { count: 12345 })).toBe('12,345 operations');
    expect(translator(texts, 'ru')('operations', { count: 12345 })).toBe(`${formatCount(12345, 'ru')} операций`);
    expect(formatCount(12345, 'ru')).toMatch(/^12\s345$/u);
  });

  it('fills named parameters and leaves unknown ones visible', () => {
    expect(translator(texts, 'ru')('hello', { name: 'Анна' })).toBe('Здравствуйте, Анна');
    expect(translator(texts, 'en')('hello')).toBe('Hello, {name}');
  });

  it('refuses, when the module loads, a catalogue whose languages have different keys', () => {
    expect(() => defineCatalogue({ a: 'A', b: 'B' } as Record<string, string>, { a: 'А', c: 'В' })).toThrow(
      /ru lacks "b".*en lacks "c"/,
    );
  });
});

describe('negotiating the language', () => {
  it('takes the highest-weighted range we speak, by primary subtag', () => {
    expect(negotiateLocale('ru-RU,ru;q=0.9,en-US;q=0.8')).toBe('ru');
    expect(negotiateLocale('de-DE,en;q=0.5,ru;q=0.7')).toBe('ru');
    expect(negotiateLocale('en-GB')).toBe('en');
  });

  it('falls back without a header, with only languages we do not speak, or with q=0', () => {
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('de,fr;q=0.5', 'ru')).toBe('ru');
    expect(negotiateLocale('ru;q=0, en;q=0.1')).toBe('en');
  });
});

describe('dates, times and numbers', () => {
  it('writes days as ДД.ММ.ГГГГ in Russian and ISO in English', () => {
    expect(formatDay('2026-03-07', 'ru')).toBe('07.03.2026');
    expect(formatDay('2026-03-07', 'en')).toBe('2026-03-07');
  });

  it('shows an instant in the reader’s time zone, crossing midnight where the zone does', () => {
    expect(formatDateTime('2026-12-04T22:30:15.123Z', 'ru', 'Europe/Moscow')).toBe('05.12.2026 01:30:15');
    expect(formatDateTime('2026-12-04T22:30:15.123Z', 'en', 'America/New_York')).toBe('2026-12-04 17:30:15');
    expect(formatDateTime('not a time', 'ru', 'UTC')).toBe('not a time');
  });

  it('accepts only time zones the runtime knows', () => {
    expect(knownTimeZone('Asia/Yekaterinburg')).toBe('Asia/Yekaterinburg');
    expect(knownTimeZone('Mars/Olympus')).toBeNull();
    expect(knownTimeZone('')).toBeNull();
  });

  it('writes CSV numbers with a decimal comma for Russian spreadsheets', () => {
    expect(spreadsheetNumber(1234.5, 'ru')).toBe('1234,5');
    expect(spreadsheetNumber(1234.5, 'en')).toBe('1234.5');
  });

  it('labels a code in the language and shows an unlabelled code as itself', () => {
    const entries = [{ code: 'error', en: 'Error', ru: 'Ошибка' }];
    expect(labelOf(entries, 'error', 'ru')).toBe('Ошибка');
    expect(labelOf(entries, 'vendor_code', 'ru')).toBe('vendor_code');
  });
});
