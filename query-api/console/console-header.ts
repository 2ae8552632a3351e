import type { Context } from 'hono';
import { html } from 'hono/html';
import { LOCALES } from '../../opensearch/i18n/locale.ts';
import type { Reader } from '../reader/reader.ts';
import { can, type ConsoleUser } from './console-user.ts';
import { LAYOUT_TEXT } from './layout-text.ts';

const NAV = [
  ['logs', '/console/logs', 'nav_logs'],
  ['tail', '/console/tail', 'nav_tail'],
  ['reports', '/console/reports', 'nav_reports'],
  ['alerts', '/console/alerts', 'nav_alerts'],
  ['retention', '/console/retention', 'nav_retention'],
] as const;

/** The page to come back to after a switch: this page, when a GET can show it again. */
export const returnPath = (c: Context) => {
  if (c.req.method !== 'GET') return '/console/logs';
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

/** RU / EN: each language's switch link, the reader's own marked as current. */
const languageSwitch = (c: Context, reader: Reader) => {
  const next = encodeURIComponent(returnPath(c));
  return html`<nav class="languages" aria-label="${reader.text(LAYOUT_TEXT)('language')}" translate="no">
    ${LOCALES.map(
      (locale) =>
        html`<a
          href="/console/language?to=${locale}&amp;next=${next}"
          lang="${locale}"
          hreflang="${locale}"
          data-lang="${locale}"
          ${locale === reader.locale ? html`aria-current="true"` : ''}
          >${locale.toUpperCase()}</a
        >`,
    )}
  </nav>`;
};

/** The header: navigation, who is signed in, the time zone in use, the language switch, sign-out. */
export function consoleHeader(c: Context, reader: Reader, user: ConsoleUser | null, current: string) {
  const t = reader.text(LAYOUT_TEXT);
  const signedIn = user
    ? html`<nav aria-label="${t('nav_label')}">
          ${NAV.map(([key, href, label]) => html`<a href="${href}" ${key === current ? html` aria-current="page"` : ''}>${t(label)}</a>`)}
        </nav>
        <span class="who" id="who"
          >${t('signed_in_as')} ${t(`role_${user.role}`)}${can(user, 'admin') ? '' : ` ${can(user, 'analyst') ? t('no_reviews') : t('read_only')}`}</span
        >
        <a class="who" id="time-zone" href="/console/settings?next=${encodeURIComponent(returnPath(c))}"
          >${t('time_zone')} <span translate="no">${reader.timeZone}</span> (${t('time_zone_change')})</a
        >`
    : '';
  const signOut = user
    ? html`<form method="post" action="/console/logout">
        <input type="hidden" name="_csrf" value="${user.csrf}" /><button class="secondary" type="submit">
          ${t('sign_out')}
        </button>
      </form>`
    : '';
  return html`<header class="top">
    <span class="brand" translate="no">synclog</span>${signedIn}${languageSwitch(c, reader)}${signOut}
  </header>`;
}
