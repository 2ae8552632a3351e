/**
 * A value as it is hashed: trimmed, lower-cased and with Latin letters folded to ASCII, as the
 * mapping's `synclog_lowercase` normaliser (lowercase, asciifolding) matches `customer_email`. A
 * search term normalised the same way hashes to the same value, so "Ivan.Petrov@Example.RU " and
 * "ivan.petrov@example.ru" find the same records. Cyrillic letters are lower-cased, never folded
 * (`й` stays `й`), as Lucene's ASCII folding leaves them.
 */
export function normaliseTerm(value: string): string {
  const lower = value.trim().toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(LATIN_BEYOND_ASCII, foldLatin) : lower;
}

const NON_ASCII = /[^\x00-\x7f]/;
// Latin-1 Supplement letters, Latin Extended-A/B, Latin Extended Additional, and the ligatures.
const LATIN_BEYOND_ASCII = /[\u00c0-\u024f\u1e00-\u1eff\ufb00-\ufb06]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Letters that do not decompose into an ASCII letter and marks, as Lucene's ASCIIFoldingFilter folds them. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ð: 'd',
  þ: 'th',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ĳ: 'ij',
  ĸ: 'q',
  ŀ: 'l',
  ł: 'l',
  ŉ: "'n",
  ŋ: 'n',
  ŧ: 't',
  ƒ: 'f',
  ﬀ: 'ff',
  ﬁ: 'fi',
  ﬂ: 'fl',
  ﬃ: 'ffi',
  ﬄ: 'ffl',
  ﬅ: 'st',
  ﬆ: 'st',
};

function foldLatin(letter: string): string {
  const special = SPECIAL[letter];
  if (special !== undefined) return special;
  const folded = letter.normalize('NFD').replace(COMBINING_MARKS, '');
  return /^[\x00-\x7f]+$/.test(folded) ? folded : letter;
}
