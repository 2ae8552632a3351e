import type { Catalogue, Text } from './catalogue.ts';
import type { Locale } from './locale.ts';
import { formatCount } from './number-format.ts';

export type TextParams = Readonly<Record<string, string | number>>;

/** The texts of one catalogue in one language. */
export type Translate<K extends string> = (key: K, params?: TextParams) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();
const pluralOf = (locale: Locale) => {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
};

/** `{name}` in a text, replaced by its parameter; numbers are written the language's way. */
function fill(text: string, locale: Locale, params: TextParams | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatCount(value, locale) : value;
  });
}

/** The form of a text for `count` (1 операция, 2 операции, 5 операций). */
export function pluralForm(text: Text, count: number, locale: Locale): string {
  if (typeof text === 'string') return text;
  const category = pluralOf(locale).select(count) as keyof typeof text;
  return text[category] ?? text.other;
}

/** `t(key, params)` over one catalogue in one language; plural texts take `params.count`. */
export function translator<K extends string>(catalogue: Catalogue<K>, locale: Locale): Translate<K> {
  const texts = catalogue[locale];
  return (key, params) => {
    const text = texts[key];
    const count = params?.count;
    return fill(pluralForm(text, typeof count === 'number' ? count : 0, locale), locale, params);
  };
}
