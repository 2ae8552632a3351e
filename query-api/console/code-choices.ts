import { html } from 'hono/html';
import { OPERATION_TYPE_LABELS, STATUS_LABELS, type VocabularyEntry } from '../../opensearch/record/vocabulary.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';
import type { Reader } from '../reader/reader.ts';
import { LOGS_TEXT } from './logs-text.ts';

/** One filter choice: the code sent, and what the console shows for it. */
export interface CodeChoice {
  readonly code: string;
  readonly label: string;
}

/**
 * The choices of one vocabulary filter: the story's codes with their labels (zeros included, in
 * the story's order), then every other code seen or already chosen, as is, sorted. `label` names
 * a code in the reader's language; by default the story's English label.
 */
export function codeChoices(
  story: readonly VocabularyEntry[],
  seen: readonly string[],
  chosen: readonly string[],
  label: (code: string) => string = (code) => story.find((entry) => entry.code === code)?.en ?? code,
): CodeChoice[] {
  const known = new Set(story.map((entry) => entry.code));
  const others = [...new Set([...seen, ...chosen])].filter((code) => !known.has(code)).sort();
  return [...story.map((entry) => entry.code), ...others].map((code) => ({ code, label: label(code) }));
}

const STORY = { status: STATUS_LABELS, operation_type: OPERATION_TYPE_LABELS } as const;
const ENGLISH_LEGENDS = { status: 'Status', operation_type: 'Operation type' } as const;

/**
 * The checkboxes of one open-vocabulary filter; every code and label is escaped by `html`. A code
 * without a label is data, so it is marked as not to be translated.
 */
export function codeCheckboxes(key: keyof SeenCodes, seen: SeenCodes, chosen: readonly string[], reader?: Reader) {
  const checked = new Set(chosen);
  const legend = reader ? reader.text(LOGS_TEXT)(key) : ENGLISH_LEGENDS[key];
  const label = reader ? (code: string) => reader.label(key, code) : undefined;
  return html`<fieldset>
    <legend>${legend}</legend>
    ${codeChoices(STORY[key], seen[key], chosen, label).map(
      (c) =>
        html`<label${c.label === c.code ? html` translate="no"` : html` title="${c.code}"`}><input type="checkbox" name="${key}" value="${c.code}"${checked.has(c.code) ? html` checked` : ''}>${c.label}</label>`,
    )}
  </fieldset>`;
}

/** The "flagged only" filter: records the shipper stored with at least one validation issue. */
export const flaggedCheckbox = (chosen: boolean, reader: Reader) => {
  const t = reader.text(LOGS_TEXT);
  return html`<fieldset>
    <legend>${t('validation')}</legend>
    <label><input type="checkbox" name="flagged" value="true" ${chosen ? html` checked` : ''} />${t('flagged_only')}</label>
  </fieldset>`;
};
