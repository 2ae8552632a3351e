import type { Locale } from './locale.ts';

const counts = { en: new Intl.NumberFormat('en-US'), ru: new Intl.NumberFormat('ru-RU') };

/** A count as a reader of the language writes it: `12,345` in English, `12 345` in Russian. */
export const formatCount = (value: number, locale: Locale) => counts[locale].format(value);

/** A number with `digits` decimals, grouped the language's way (`1,234.50`, `1 234,50`). */
export const formatDecimal = (value: number, locale: Locale, digits = 2) =>
  value.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

/**
 * A number as a spreadsheet of the language reads it from CSV: no grouping, the decimal point
 * (`1234.5`) or comma (`1234,5`).
 */
export const spreadsheetNumber = (value: number, locale: Locale) =>
  locale === 'ru' ? String(value).replace('.', ',') : String(value);
