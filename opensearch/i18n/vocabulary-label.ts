import type { Locale } from './locale.ts';

/** A code of a closed vocabulary with its labels (setup records these in its metadata). */
export interface LabelledCode {
  readonly code: string;
  readonly en: string;
  readonly ru: string;
}

/** The label of `code` in the language; a code without a label shows as itself. */
export function labelOf(entries: readonly LabelledCode[], code: string, locale: Locale): string {
  return entries.find((entry) => entry.code === code)?.[locale] ?? code;
}
