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

const FINGERPRINT_RULES: ReadonlyArray<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b[0-9a-f]{16,}\b/gi, '<hex>'],
  [/"[^"]*"|'[^']*'|«[^»]*»/g, '<str>'],
  [/[\p{L}_-]*\d[\p{L}\d_./:-]*/gu, '<n>'],
  [/\s+/g, ' '],
];

/**
 * The message with ids, numbers, quoted values and times replaced by placeholders, so that
 * "customer 123 not found" and "customer 456 not found" group together.
 */
export function errorFingerprint(message: string): string {
  let result = message;
  for (const [pattern, replacement] of FINGERPRINT_RULES) result = result.replace(pattern, replacement);
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
