import type { Locale } from '../../../opensearch/i18n/locale.ts';
import { formatCount, formatDecimal } from '../../../opensearch/i18n/number-format.ts';
import { translator } from '../../../opensearch/i18n/translator.ts';
import type { Cell } from './report-document.ts';
import { REPORT_TEXT } from './report-text.ts';

/**
 * A figure as a reader of `locale` wants it: rates in per cent with two decimals, durations in
 * whole milliseconds, counts grouped (`8.10 %`, `4,100 ms`, `1,234`; `8,10 %`, `4 100 мс`, `1 234`).
 * An empty value (no duration on an empty day) is a dash.
 */
export function displayValue(measure: string, value: Cell, locale: Locale = 'en'): string {
  if (typeof value === 'string') return value === '' ? '–' : value;
  const t = translator(REPORT_TEXT, locale);
  if (measure.includes('rate')) return t('unit_percent', { value: formatDecimal(value * 100, locale, 2) });
  if (measure.endsWith('_ms')) return t('unit_ms', { value: formatCount(Math.round(value), locale) });
  return Number.isInteger(value) ? formatCount(value, locale) : formatDecimal(value, locale, 2);
}
