import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { knownTimeZone } from '../../opensearch/i18n/date-format.ts';
import { isLocale } from '../../opensearch/i18n/locale.ts';
import { LANGUAGE_COOKIE, TIME_ZONE_COOKIE } from '../reader/reader-of-request.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { localConsolePath } from './console-request.ts';
import { consoleUserOf } from './console-user.ts';
import { settingsPage } from './settings-page.ts';
import { SETTINGS_TEXT } from './settings-text.ts';

/** A reader's choices are kept a year; they are preferences, not credentials. */
const ONE_YEAR_S = 365 * 86_400;

/**
 * A preference cookie: the whole site, sent on top-level navigation (Lax), readable by the
 * console's script, which stores the browser's zone when none is set.
 */
const keep = (c: Context, name: string, value: string) =>
  setCookie(c, name, value, { path: '/', sameSite: 'Lax', maxAge: ONE_YEAR_S });

/**
 * The language switch (on every page, the sign-in page too) and the time zone setting. Both keep
 * the choice in a cookie and return to the console page named by `next` (a local console path
 * only; anything else leads to the log list).
 */
export function preferenceRoutes({ viewer }: ConsoleGuards) {
  return new Hono()
    .get('/console/language', (c) => {
      const to = c.req.query('to');
      if (isLocale(to)) keep(c, LANGUAGE_COOKIE, to);
      return c.redirect(localConsolePath(c.req.query('next')), 303);
    })
    .get('/console/settings', viewer, (c) => {
      const reader = readerOf(c);
      const next = localConsolePath(c.req.query('next'));
      const title = reader.text(SETTINGS_TEXT)('title');
      return consolePage(c, consoleUserOf(c), title, '', settingsPage(reader, next, null));
    })
    .get('/console/time-zone', viewer, (c) => {
      const zone = knownTimeZone(c.req.query('zone'));
      const next = localConsolePath(c.req.query('next'));
      if (!zone) {
        const reader = readerOf(c);
        const t = reader.text(SETTINGS_TEXT);
        return consolePage(c, consoleUserOf(c), t('title'), '', settingsPage(reader, next, t('unknown_zone')), 400);
      }
      keep(c, TIME_ZONE_COOKIE, zone);
      return c.redirect(next, 303);
    });
}
