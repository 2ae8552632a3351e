import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { orNullOn404 } from '../../opensearch/shared/response-errors.ts';
import type { Role } from './api-tokens.ts';

/** One console session as stored (`_id` = `sessionKeyOf(id)`); never the token, never the id. */
export interface StoredSession {
  readonly role: Role;
  /** `tokenFingerprint` of the token signed in with: the session ends when that token is removed. */
  readonly token_fingerprint: string;
  /** The caller id the access log names the session's reads by. */
  readonly who: string;
  /** The client address that signed in. */
  readonly client: string;
  readonly created_at: string;
  readonly last_seen_at: string;
  /** The absolute limit: sign-in plus the longest session. */
  readonly expires_at: string;
}

/** The sessions index. Reads by id are real-time, so a deletion holds on every instance at once. */
export interface SessionStore {
  create(key: string, session: StoredSession): Promise<void>;
  get(key: string): Promise<StoredSession | null>;
  /** Marks the session used at `at`; a session deleted meanwhile stays deleted. */
  touch(key: string, at: string): Promise<void>;
  /** Deletes the session; false when there was none. */
  remove(key: string): Promise<boolean>;
  /** Deletes sessions past their absolute limit or unused since `idleBefore`. */
  purge(now: string, idleBefore: string): Promise<number>;
}

export function createSessionStore(client: OpenSearchClient, index: string): SessionStore {
  return {
    async create(key, session) {
      await client.index({ index, id: key, op_type: 'create', body: session } as never);
    },
    async get(key) {
      const found = await orNullOn404(client.get({ index, id: key }));
      return ((found?.body as { _source?: StoredSession } | undefined)?._source ?? null) as StoredSession | null;
    },
    async touch(key, at) {
      await orNullOn404(client.update({ index, id: key, retry_on_conflict: 3, body: { doc: { last_seen_at: at } } }));
    },
    async remove(key) {
      return (await orNullOn404(client.delete({ index, id: key }))) !== null;
    },
    async purge(now, idleBefore) {
      const { body } = await client.deleteByQuery({
        index,
        conflicts: 'proceed',
        body: {
          query: {
            bool: {
              should: [{ range: { expires_at: { lte: now } } }, { range: { last_seen_at: { lt: idleBefore } } }],
              minimum_should_match: 1,
            },
          },
        },
      } as never);
      return (body as { deleted?: number }).deleted ?? 0;
    },
  };
}
