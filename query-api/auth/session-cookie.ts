import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/**
 * The console's session: the API token itself, in an httpOnly, SameSite=Strict cookie, so a
 * console session has exactly the token's role on every instance, and signing out or revoking the
 * token ends it.
 */
export const SESSION_COOKIE = 'synclog_session';

export const sessionToken = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE) || undefined;

/** The CSRF token of a session: derived from its token, so every instance checks it without state. */
export const csrfTokenOf = (token: string) =>
  createHmac('sha256', token).update('synclog console csrf').digest('base64url');
