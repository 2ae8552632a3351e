import type { Context } from 'hono';
import type { Authenticator } from '../auth/authenticator.ts';
import type { ConsoleGuards } from './console-deps.ts';
import { consolePage, notice } from './console-layout.ts';
import { consoleRole } from './console-user.ts';

const forbidden = (c: Context) =>
  consolePage(c, null, 'Not allowed', '', notice("Your token's role does not allow this page or action.", true), 403);

/** The viewer and admin session checks; a role too low gets the "Not allowed" page. */
export function consoleGuards(auth: Authenticator): ConsoleGuards {
  return { viewer: consoleRole(auth, 'viewer', forbidden), admin: consoleRole(auth, 'admin', forbidden) };
}
