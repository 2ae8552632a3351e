/**
 * E-mail addresses and phone numbers inside free text. Both finders are linear in the text and
 * leave alone what sync logs are full of: 1C ids (`ЦБ-000123`), ISO timestamps, UUIDs, durations,
 * amounts and plain numbers.
 */

const ASCII_LOCAL = /[A-Za-z0-9._%+-]/;
const ASCII_DOMAIN = /[A-Za-z0-9.-]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const TOP_LEVEL = /^(\p{L}{2,}|xn--[a-z0-9-]+)$/iu;

const isLocalChar = (c: string) => (c < '\x80' ? ASCII_LOCAL.test(c) : LETTER_OR_DIGIT.test(c));
const isDomainChar = (c: string) => (c < '\x80' ? ASCII_DOMAIN.test(c) : LETTER_OR_DIGIT.test(c));

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (label === '' || label.startsWith('-') || label.endsWith('-')) return false;
  return TOP_LEVEL.test(labels.at(-1)!);
}

/**
 * Replaces every e-mail address: a local part of letters, digits and `._%+-` (any script), `@`,
 * and a domain of two or more labels ending in a letter label (`ru`, `рф`, `xn--p1ai`). The text
 * is walked from each `@` outwards, never backtracked over.
 */
export function replaceEmails(text: string, replace: (email: string) => string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    let start = at;
    while (start > copied && isLocalChar(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && isDomainChar(text[end]!)) end++;
    // A sentence may end right after the address: "write to ivan@example.ru."
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    if (start < at && validDomain(text.slice(at + 1, end))) {
      out += text.slice(copied, start) + replace(text.slice(start, end));
      copied = end;
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const SEP = '[\\s\\u2010-\\u2014-]';
/**
 * Phone shapes: international with `+` (10–15 digits, checked after the match), Russian numbers
 * with a parenthesised or separated area code (`8 (912) 345-67-89`, `912 345 67 89`), bare
 * 11-digit numbers starting 7 or 8 then an area code digit (`89123456789`), and local
 * `123-45-67`. A number glued to a letter, digit, `-`, `_`, `/`, `@` or `#` is never a phone, nor
 * one followed by a letter or digit, or by `.`, `,`, `:`, `/`, `-` and a digit: that keeps ids,
 * times, UUIDs, versions and decimals out.
 */
const PHONE = new RegExp(
  [
    '(?<![\\p{L}\\p{N}_@/\\\\#+\\u2010-\\u2014-]|\\p{N}[.,])',
    '(?:',
    `\\+\\d{1,3}(?:${SEP}?\\(\\d{1,5}\\)|${SEP}?\\d{1,5})(?:${SEP}?\\d{1,5}){1,6}`,
    `|(?:[78]${SEP}?)?\\(\\d{3,5}\\)${SEP}?\\d{1,3}(?:${SEP}?\\d{2}){2}`,
    `|(?:[78]${SEP}?)?\\d{3}${SEP}\\d{3}${SEP}?\\d{2}${SEP}?\\d{2}`,
    '|[78][3489]\\d{9}',
    '|\\d{3}-\\d{2}-\\d{2}',
    ')',
    '(?![\\p{L}\\p{N}_@]|[.,:/\\u2010-\\u2014-]\\p{N})',
  ].join(''),
  'gu',
);
const DIGIT = /\d/;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Replaces every phone number (see the shapes above); an international one needs 10 to 15 digits. */
export function replacePhones(text: string, replace: (phone: string) => string): string {
  if (!DIGIT.test(text)) return text;
  return text.replace(PHONE, (match) => {
    if (match.startsWith('+')) {
      const digits = digitCount(match);
      if (digits < 10 || digits > 15) return match;
    }
    return replace(match);
  });
}

/** A phone number as it is hashed: its digits only, so `+7 912 345-67-89` and `+79123456789` hash alike. */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');
