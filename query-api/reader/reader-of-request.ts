import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { knownTimeZone } from '../../opensearch/i18n/date-format.ts';
import { isLocale, negotiateLocale } from '../../opensearch/i18n/locale.ts';
import { createReader, type Reader } from './reader.ts';
import type { VocabularyLabels } from './vocabulary-labels.ts';

/** The console's language switch and time zone setting are kept in these cookies. */
export const LANGUAGE_COOKIE = 'synclog_lang';
export const TIME_ZONE_COOKIE = 'synclog_tz';

/**
 * The reader of a request: the language from `?lang=`, else the switch's cookie, else the
 * browser's `Accept-Language`; the time zone from `?tz=`, else the cookie (the reader's setting,
 * or what the browser detected), else `fallbackTimeZone`. Unknown values are ignored, never an error.
 */
export function readerOfRequest(c: Context, labels: VocabularyLabels, fallbackTimeZone: string): Reader {
  const asked = c.req.query('lang');
  const chosen = isLocale(asked) ? asked : getCookie(c, LANGUAGE_COOKIE);
  const locale = isLocale(chosen) ? chosen : negotiateLocale(c.req.header('Accept-Language'));
  const timeZone =
    knownTimeZone(c.req.query('tz')) ?? knownTimeZone(getCookie(c, TIME_ZONE_COOKIE)) ?? fallbackTimeZone;
  return createReader(locale, timeZone, labels);
}
