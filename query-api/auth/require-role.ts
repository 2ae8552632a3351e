import { createMiddleware } from 'hono/factory';
import { allows, callerOf, type ApiTokens, type Caller, type Role } from './api-tokens.ts';
import { sessionToken } from './session-cookie.ts';

const callers = new WeakMap<Request, Caller>();

/** The caller `requireRole` let through for this request. */
export const callerOfRequest = (request: Request): Caller => callers.get(request) ?? { role: 'open', id: 'open' };

/**
 * Lets a request through when it carries `Authorization: Bearer <token>` of a role allowed
 * `needed` (or the API runs open); 401 without a known token, 403 with one of another role. A GET
 * may instead carry the console's session cookie (the console's export and report links); a
 * request that changes something always needs the header (or the console's CSRF-checked forms).
 */
export function requireRole(tokens: ApiTokens, needed: Role) {
  return createMiddleware(async (c, next) => {
    if (tokens.open) {
      callers.set(c.req.raw, { role: 'open', id: 'open' });
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const token = bearer ?? (c.req.method === 'GET' || c.req.method === 'HEAD' ? sessionToken(c) : undefined);
    const role = token ? tokens.roleOf(token) : null;
    if (!role) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: 'unauthorized', message: 'send a token as "Authorization: Bearer <token>"' }, 401);
    }
    if (!allows(role, needed)) return c.json({ error: 'forbidden', message: `this needs the ${needed} role` }, 403);
    callers.set(c.req.raw, callerOf(role, token!));
    return next();
  });
}
