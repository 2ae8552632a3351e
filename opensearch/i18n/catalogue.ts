/**
 * A text in one language. `{name}` is replaced by the parameter of that name. A plural text has a
 * form per CLDR plural category of its language (`Intl.PluralRules`); `{count}` is the number.
 */
export type PluralText = {
  readonly one?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
};
export type Text = string | PluralText;

/** The texts of one feature, in every language, under identical keys. */
export interface Catalogue<K extends string> {
  readonly en: Readonly<Record<K, Text>>;
  readonly ru: Readonly<Record<K, Text>>;
}

/**
 * A catalogue whose Russian texts are checked, by type and at load, to have exactly the English
 * keys: a text missing in one language is a bug, found when the module loads.
 */
export function defineCatalogue<const E extends Record<string, Text>>(
  en: E,
  ru: { readonly [K in keyof E]: Text },
): Catalogue<Extract<keyof E, string>> {
  const english = Object.keys(en).sort();
  const russian = Object.keys(ru).sort();
  const differing = [
    ...english.filter((key) => !(key in ru)).map((key) => `ru lacks "${key}"`),
    ...russian.filter((key) => !(key in en)).map((key) => `en lacks "${key}"`),
  ];
  if (differing.length > 0) throw new Error(`catalogue keys differ: ${differing.join(', ')}`);
  return { en, ru } as Catalogue<Extract<keyof E, string>>;
}
