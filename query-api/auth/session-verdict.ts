import type { ApiTokens, Role } from './api-tokens.ts';
import type { StoredSession } from './session-store.ts';

/** Why a stored session no longer opens the console. */
export type SessionEnd = 'expired' | 'idle' | 'token_removed';

export type SessionVerdict =
  | { readonly valid: true; readonly role: Role; readonly touch: boolean }
  | { readonly valid: false; readonly reason: SessionEnd };

export interface SessionLimits {
  /** Unused this long, a session is refused. */
  readonly idleMs: number;
  /** Opened this long ago, a session is refused however busy. */
  readonly maxMs: number;
}

/**
 * How often a session's last use is written: a tenth of the idle limit, at most once a minute, so
 * a busy console does not write on every page while the idle limit stays accurate to that much.
 */
export const touchEveryMs = (idleMs: number) => Math.min(60_000, Math.floor(idleMs / 10));

/**
 * Whether a stored session is still good at `now`: within its absolute and idle limits, and its
 * token still configured with the same role (a token removed or given another role ends it).
 */
export function sessionVerdict(
  session: StoredSession,
  now: number,
  limits: SessionLimits,
  tokens: Pick<ApiTokens, 'roleOfFingerprint'>,
): SessionVerdict {
  const created = Date.parse(session.created_at);
  const lastSeen = Date.parse(session.last_seen_at);
  if (!(now < Date.parse(session.expires_at) && now - created < limits.maxMs))
    return { valid: false, reason: 'expired' };
  if (!(now - lastSeen < limits.idleMs)) return { valid: false, reason: 'idle' };
  if (tokens.roleOfFingerprint(session.token_fingerprint) !== session.role)
    return { valid: false, reason: 'token_removed' };
  return { valid: true, role: session.role, touch: now - lastSeen >= touchEveryMs(limits.idleMs) };
}
