import { LIMITS } from './vocabulary.ts';

export interface ErrorFields {
  error_message: string;
  /** Present only when the message was truncated: its original length in characters. */
  error_message_length?: number;
  error_fingerprint: string;
  error_type?: string;
  error_stack?: string;
}

/** Cuts a string to `max` characters without splitting a surrogate pair. */
export function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), truncated: true };
}

/**
 * Each rule with a text its pattern cannot match without: a message lacking it skips the pass
 * (most messages hold no e-mail, uuid or hex number, and every pass is a scan of the message).
 */
const FINGERPRINT_RULES: ReadonlyArray<[RegExp, string, needs: string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>', '-'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>', '@'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>', '-'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>', '0'],
  [/\b[0-9a-f]{16,}\b/gi, '<hex>', ''],
  [/"[^"]*"|'[^']*'|«[^»]*»/g, '<str>', ''],
];

// Numbered words (`cust-10515`, `ЦБ-000123`, `1С`) are `[\p{L}_-]*\d[\p{L}\d_./:-]*`. Run over a whole
// message as it is, that pattern retries a word's letter run at each of its letters (quadratic in
// the word's length) and tests every character against the Unicode letter table: ~70 µs for a
// long Cyrillic message. Two forms with exactly its matches, and faster:
// - ASCII text: the letters spelled as ASCII, and a match tried only where a letter run begins (a
//   start later inside a run cannot match where the run's start did not);
// - other text: no match leaves a run of the characters the pattern is made of, so the pattern is
//   run over each such run alone, and only over runs holding a digit.
const NUMBERED = /[\p{L}_-]*\d[\p{L}\d_./:-]*/gu;
const ASCII_NUMBERED = /(?<![A-Za-z_-])[A-Za-z_-]*\d[A-Za-z\d_./:-]*/g;
const NON_ASCII = /[^\x00-\x7f]/;
const WORD = /[\p{L}\d_./:-]+/gu;
const HAS_DIGIT = /\d/;

function replaceNumberedWords(text: string): string {
  if (!NON_ASCII.test(text)) return text.replace(ASCII_NUMBERED, '<n>');
  return text.replace(WORD, (word) => (HAS_DIGIT.test(word) ? word.replace(NUMBERED, '<n>') : word));
}

/**
 * The message with ids, numbers, quoted values and times replaced by placeholders, so that
 * "customer 123 not found" and "customer 456 not found" group together.
 */
export function errorFingerprint(message: string): string {
  let result = message;
  for (const [pattern, replacement, needs] of FINGERPRINT_RULES) {
    if (needs === '' || result.includes(needs)) result = result.replace(pattern, replacement);
  }
  result = replaceNumberedWords(result).replace(/\s+/g, ' ');
  return truncate(result.trim().toLowerCase(), LIMITS.fingerprintChars).text;
}

/** The error fields of a record, truncated to the index limits with the original length kept. */
export function errorFields(error: { message: string; type?: string; stack?: string }): ErrorFields {
  const message = truncate(error.message, LIMITS.errorMessageChars);
  const fields: ErrorFields = {
    error_message: message.text,
    error_fingerprint: errorFingerprint(error.message.slice(0, LIMITS.errorMessageChars)),
  };
  if (message.truncated) fields.error_message_length = error.message.length;
  if (error.type !== undefined) fields.error_type = truncate(error.type, LIMITS.idChars).text;
  if (error.stack !== undefined) fields.error_stack = truncate(error.stack, LIMITS.errorStackChars).text;
  return fields;
}
