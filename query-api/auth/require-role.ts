import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { allows, callerOf, type Caller, type Role } from './api-tokens.ts';
import type { Authenticator } from './authenticator.ts';
import type { OpenSession } from './sessions.ts';
import { sessionIdOf } from './session-cookie.ts';

const callers = new WeakMap<Request, Caller>();

/** The caller `requireRole` let through for this request. */
export const callerOfRequest = (request: Request): Caller => callers.get(request) ?? { role: 'open', id: 'open' };

/** The caller a bearer token names: 429 while its client is over the limit of failures, 401 when unknown. */
async function bearerCaller(auth: Authenticator, c: Context, token: string): Promise<Response | OpenSession | null> {
  const client = auth.clientOf(c);
  const refused = await auth.refused(c, client, 'bearer');
  if (refused) {
    c.header('Retry-After', String(refused.retryAfterSeconds));
    return c.json(
      { error: 'too_many_requests', message: 'too many failed tokens from this client; try again later' },
      429,
    );
  }
  const role = auth.tokens.roleOf(token);
  if (role) return { role, caller: callerOf(role, token) };
  await auth.failed(c, client, 'bearer');
  return null;
}

/**
 * Lets a request through when it carries `Authorization: Bearer <token>` of a role allowed
 * `needed` (or the API runs open); 401 without a known token, 403 with one of another role, 429
 * while the client is over its limit of failed tokens. A GET may instead carry the console's
 * session cookie (the console's export and report links); a request that changes something always
 * needs the header (or the console's CSRF-checked forms).
 */
export function requireRole(auth: Authenticator, needed: Role) {
  return createMiddleware(async (c, next) => {
    if (auth.tokens.open) {
      callers.set(c.req.raw, { role: 'open', id: 'open' });
      return next();
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const session = c.req.method === 'GET' || c.req.method === 'HEAD' ? sessionIdOf(c) : undefined;
    const found = bearer ? await bearerCaller(auth, c, bearer) : session ? await auth.sessions.resolve(session) : null;
    if (found instanceof Response) return found;
    if (!found) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: 'unauthorized', message: 'send a token as "Authorization: Bearer <token>"' }, 401);
    }
    if (!allows(found.role, needed))
      return c.json({ error: 'forbidden', message: `this needs the ${needed} role` }, 403);
    callers.set(c.req.raw, found.caller);
    return next();
  });
}
