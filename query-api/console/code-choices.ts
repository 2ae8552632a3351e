import { html } from 'hono/html';
import { OPERATION_TYPE_LABELS, STATUS_LABELS, type VocabularyEntry } from '../../opensearch/record/vocabulary.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';

/** One filter choice: the code sent, and what the console shows for it. */
export interface CodeChoice {
  readonly code: string;
  readonly label: string;
}

/**
 * The choices of one vocabulary filter: the story's codes with their English labels (zeros
 * included, in the story's order), then every other code seen or already chosen, as is, sorted.
 */
export function codeChoices(
  story: readonly VocabularyEntry[],
  seen: readonly string[],
  chosen: readonly string[],
): CodeChoice[] {
  const known = new Set(story.map((entry) => entry.code));
  const others = [...new Set([...seen, ...chosen])].filter((code) => !known.has(code)).sort();
  return [
    ...story.map((entry) => ({ code: entry.code, label: entry.en })),
    ...others.map((code) => ({ code, label: code })),
  ];
}

const LEGENDS = {
  status: ['Status', STATUS_LABELS],
  operation_type: ['Operation type', OPERATION_TYPE_LABELS],
} as const;

/** The checkboxes of one open-vocabulary filter; every code and label is escaped by `html`. */
export function codeCheckboxes(key: keyof SeenCodes, seen: SeenCodes, chosen: readonly string[]) {
  const [legend, story] = LEGENDS[key];
  const checked = new Set(chosen);
  return html`<fieldset>
    <legend>${legend}</legend>
    ${codeChoices(story, seen[key], chosen).map(
      (c) =>
        html`<label${c.label === c.code ? '' : html` title="${c.code}"`}><input type="checkbox" name="${key}" value="${c.code}"${checked.has(c.code) ? html` checked` : ''}>${c.label}</label>`,
    )}
  </fieldset>`;
}

/** The "flagged only" filter: records the shipper stored with at least one validation issue. */
export const flaggedCheckbox = (chosen: boolean) =>
  html`<fieldset>
    <legend>Validation</legend>
    <label><input type="checkbox" name="flagged" value="true" ${chosen ? html` checked` : ''} />flagged only</label>
  </fieldset>`;
