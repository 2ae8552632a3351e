import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { ApiTokens } from '../auth/api-tokens.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { loginPage } from './login-page.ts';

const SESSION_HOURS = 12;

/** Where to go after signing in: a console page only, never another site (`//host`). */
const nextPage = (next: unknown) =>
  typeof next === 'string' && /^\/console(\/|$)/.test(next) && !next.startsWith('//') ? next : '/console/logs';

/** Signing in with an API token (kept in the session cookie) and signing out. */
export function sessionRoutes(tokens: ApiTokens, { viewer }: ConsoleGuards) {
  return new Hono()
    .get('/console', (c) => c.redirect('/console/logs', 303))
    .get('/console/login', (c) =>
      consolePage(c, null, 'Sign in', '', loginPage(c.req.query('next') ?? '/console/logs', null)),
    )
    .post('/console/login', async (c) => {
      const form = await c.req.parseBody();
      const token = typeof form.token === 'string' ? form.token.trim() : '';
      const next = nextPage(form.next);
      if (!token || !tokens.roleOf(token))
        return consolePage(c, null, 'Sign in', '', loginPage(next, 'That token is not known.'), 400);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: SESSION_HOURS * 3_600,
      });
      return c.redirect(next, 303);
    })
    .post('/console/logout', viewer, (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect('/console/login', 303);
    });
}
