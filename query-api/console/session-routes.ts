import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { callerOf } from '../auth/api-tokens.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { SESSION_COOKIE, sessionCookieOptions, sessionIdOf } from '../auth/session-cookie.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { localConsolePath } from './console-request.ts';
import { consoleUserOf } from './console-user.ts';
import { loginPage } from './login-page.ts';
import { LOGIN_TEXT } from './login-text.ts';

const signInPage = (c: Context, next: string, problem: string | null, status: 200 | 400 | 429 = 200) => {
  const t = readerOf(c).text(LOGIN_TEXT);
  return consolePage(c, null, t('title'), '', loginPage(t, next, problem), status);
};

/**
 * Signing in with an API token and signing out. A sign-in opens a server-side session and sets a
 * cookie holding only its id; signing out deletes the session, so its cookie opens nothing
 * anywhere afterwards. Failed sign-ins count against the client's limit (429 beyond it).
 */
export function sessionRoutes(auth: Authenticator, { viewer }: ConsoleGuards) {
  return new Hono()
    .get('/console', (c) => c.redirect('/console/logs', 303))
    .get('/console/login', (c) => signInPage(c, c.req.query('next') ?? '/console/logs', null))
    .post('/console/login', async (c) => {
      const form = await c.req.parseBody();
      const next = localConsolePath(form.next);
      const client = auth.clientOf(c);
      const refused = await auth.refused(c, client, 'sign_in');
      if (refused) {
        c.header('Retry-After', String(refused.retryAfterSeconds));
        const minutes = Math.ceil(refused.retryAfterSeconds / 60);
        const problem = readerOf(c).text(LOGIN_TEXT)('too_many', { count: minutes });
        return signInPage(c, next, problem, 429);
      }
      const token = typeof form.token === 'string' ? form.token.trim() : '';
      const role = token ? auth.tokens.roleOf(token) : null;
      if (!role) {
        await auth.failed(c, client, 'sign_in');
        return signInPage(c, next, readerOf(c).text(LOGIN_TEXT)('unknown_token'), 400);
      }
      const session = await auth.sessions.start(role, token, client.address);
      // A sign-in the access log cannot take does not happen: the session is ended again (503).
      await auth.audit(c, 'auth.sign_in', callerOf(role, token), client).catch(async (error: unknown) => {
        await auth.sessions.end(session.id).catch(() => {});
        throw error;
      });
      setCookie(c, SESSION_COOKIE, session.id, sessionCookieOptions(client.https, session.maxAgeSeconds));
      return c.redirect(next, 303);
    })
    .post('/console/logout', viewer, async (c) => {
      const id = sessionIdOf(c);
      if (id) await auth.sessions.end(id);
      await auth.audit(c, 'auth.sign_out', consoleUserOf(c).caller, auth.clientOf(c)).catch(() => {});
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect('/console/login', 303);
    });
}
