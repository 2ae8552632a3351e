import type { IndexBody } from './ensure-index.ts';

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

/**
 * The console's sign-in sessions (`_id` = SHA-256 of the session id, so reading this index never
 * yields a usable cookie): the role and the token's fingerprint it was opened with, and when it
 * was opened, last used and must end. Signing out deletes the document.
 */
export const sessionsIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      role: keyword,
      token_fingerprint: keyword,
      who: keyword,
      client: keyword,
      created_at: date,
      last_seen_at: date,
      expires_at: date,
    },
  },
};
