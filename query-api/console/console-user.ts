import { randomBytes } from 'node:crypto';
import { deleteCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { allows, sameSecret, type Caller, type Role } from '../auth/api-tokens.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import { csrfTokenOf, SESSION_COOKIE, sessionIdOf } from '../auth/session-cookie.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import { LAYOUT_TEXT } from './layout-text.ts';

/** Who uses the console: their role, their caller id for the records, and their CSRF token. */
export interface ConsoleUser {
  readonly role: Role | 'open';
  readonly caller: Caller;
  readonly csrf: string;
}

const users = new WeakMap<Request, ConsoleUser>();
/** Without tokens (the API run open) the CSRF token derives from a secret of this process. */
const OPEN_SESSION = randomBytes(32).toString('hex');
export const consoleUserOf = (c: Context): ConsoleUser => users.get(c.req.raw)!;
export const can = (user: ConsoleUser, needed: Role) => user.role === 'open' || allows(user.role, needed);

/** The user of a request's session, or `null` without a good one. */
async function userOf(auth: Authenticator, c: Context): Promise<ConsoleUser | null> {
  if (auth.tokens.open) return { role: 'open', caller: { role: 'open', id: 'open' }, csrf: csrfTokenOf(OPEN_SESSION) };
  const id = sessionIdOf(c);
  const session = id ? await auth.sessions.resolve(id) : null;
  return session && id ? { ...session, csrf: csrfTokenOf(id) } : null;
}

/**
 * Console pages for the session's role: without a good session (none, signed out, past its
 * limits, its token removed), to the login page; with a role too low, a 403 page. A POST must
 * carry the session's CSRF token in its `_csrf` field.
 */
export function consoleRole(
  auth: Authenticator,
  needed: Role,
  forbidden: (c: Context) => Response | Promise<Response>,
) {
  return createMiddleware(async (c, next) => {
    const user = await userOf(auth, c);
    if (!user) {
      if (sessionIdOf(c)) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect(`/console/login?next=${encodeURIComponent(c.req.path)}`, 303);
    }
    if (!can(user, needed)) return forbidden(c);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      const given = typeof form._csrf === 'string' ? form._csrf : '';
      if (!sameSecret(given, user.csrf)) return c.text(readerOf(c).text(LAYOUT_TEXT)('csrf'), 403);
    }
    users.set(c.req.raw, user);
    return next();
  });
}
