import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { readerOf } from '../reader/reader-middleware.ts';
import { consoleHeader } from './console-header.ts';
import type { ConsoleUser } from './console-user.ts';
import { LAYOUT_TEXT } from './layout-text.ts';

export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Scripts and styles from this origin only, nothing inline, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A console page: navigation, the signed-in role, sign-out, and the content. */
export function consolePage(
  c: Context,
  user: ConsoleUser | null,
  title: string,
  current: string,
  content: Fragment,
  status: 200 | 400 | 403 | 404 | 429 = 200,
) {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
  const reader = readerOf(c);
  const t = reader.text(LAYOUT_TEXT);
  return c.html(
    html`<!doctype html>
      <html lang="${reader.locale}" data-time-zone="${reader.timeZone}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title} · synclog</title>
          <link rel="stylesheet" href="/console/assets/console.css" />
          <script src="/console/assets/console.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">${t('skip')}</a>
          ${consoleHeader(c, reader, user, current)}
          <main id="main" tabindex="-1">
            <h1>${title}</h1>
            ${content}
          </main>
        </body>
      </html>`,
    status,
  );
}

/** A message box. */
export const notice = (text: string, error = false) =>
  html`<p class="notice${error ? ' error-box' : ''}" role="${error ? 'alert' : 'status'}">${text}</p>`;

/** The hidden CSRF field every console form carries. */
export const csrfField = (user: ConsoleUser) => html`<input type="hidden" name="_csrf" value="${user.csrf}" />`;
