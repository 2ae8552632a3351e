import type { Catalogue } from '../../opensearch/i18n/catalogue.ts';
import { formatDateTime, formatDay } from '../../opensearch/i18n/date-format.ts';
import type { Locale } from '../../opensearch/i18n/locale.ts';
import { formatCount } from '../../opensearch/i18n/number-format.ts';
import { translator, type Translate } from '../../opensearch/i18n/translator.ts';
import { labelOf } from '../../opensearch/i18n/vocabulary-label.ts';
import type { VocabularyLabels } from './vocabulary-labels.ts';

/**
 * Who reads what synclog writes for people (a console page, an export, a report): their language,
 * their time zone, and everything worded or formatted for them.
 */
export interface Reader {
  readonly locale: Locale;
  readonly timeZone: string;
  /** The texts of one feature's catalogue in the reader's language. */
  text<K extends string>(catalogue: Catalogue<K>): Translate<K>;
  /** An operation type's or a status's label; a code without one shows as itself. */
  label(vocabulary: keyof VocabularyLabels, code: string): string;
  /** An instant in the reader's zone: `2026-12-04 23:42:05` or `04.12.2026 23:42:05`. */
  time(iso: string): string;
  /** A calendar day (`YYYY-MM-DD`): ISO in English, `ДД.ММ.ГГГГ` in Russian. */
  day(day: string): string;
  /** A count grouped the language's way. */
  count(value: number): string;
}

export function createReader(locale: Locale, timeZone: string, labels: VocabularyLabels): Reader {
  return {
    locale,
    timeZone,
    text: (catalogue) => translator(catalogue, locale),
    label: (vocabulary, code) => labelOf(labels[vocabulary], code, locale),
    time: (iso) => formatDateTime(iso, locale, timeZone),
    day: (day) => formatDay(day, locale),
    count: (value) => formatCount(value, locale),
  };
}
