import type { Context } from 'hono';
import type { Authenticator } from '../auth/authenticator.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleGuards } from './console-deps.ts';
import { consolePage, notice } from './console-layout.ts';
import { consoleRole } from './console-user.ts';
import { LAYOUT_TEXT } from './layout-text.ts';

const forbidden = (c: Context) => {
  const t = readerOf(c).text(LAYOUT_TEXT);
  return consolePage(c, null, t('forbidden_title'), '', notice(t('forbidden'), true), 403);
};

/** The viewer and admin session checks; a role too low gets the "Not allowed" page in the reader's language. */
export function consoleGuards(auth: Authenticator): ConsoleGuards {
  return { viewer: consoleRole(auth, 'viewer', forbidden), admin: consoleRole(auth, 'admin', forbidden) };
}
