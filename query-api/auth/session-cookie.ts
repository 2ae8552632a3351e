import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/**
 * The console's session cookie: an opaque, random session id (never the API token). The
 * session it names is kept in OpenSearch (`sessions.ts`), so signing out on one instance ends it
 * on all of them.
 */
export const SESSION_COOKIE = 'synclog_session';

/** 256 random bits, URL-safe. */
export const newSessionId = () => randomBytes(32).toString('base64url');

/** The session id a request's cookie carries, if any. */
export const sessionIdOf = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE) || undefined;

/** Where the session is stored: a hash of its id, so the stored sessions hold no usable cookie. */
export const sessionKeyOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/**
 * The cookie's attributes: out of reach of scripts (httpOnly), never sent by another site's
 * request (SameSite=Strict), for the whole service (its export and report links read it too),
 * Secure when the client reached the service over TLS, and gone from the browser when the
 * session's absolute limit is reached.
 */
export const sessionCookieOptions = (secure: boolean, maxAgeSeconds: number): CookieOptions => ({
  httpOnly: true,
  sameSite: 'Strict',
  path: '/',
  secure,
  maxAge: maxAgeSeconds,
});

/** The CSRF token of a session: derived from its secret id, so every instance checks it without state. */
export const csrfTokenOf = (sessionId: string) =>
  createHmac('sha256', sessionId).update('synclog console csrf').digest('base64url');
