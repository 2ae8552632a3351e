import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { envBoolean } from '../../opensearch/config/parse-env.ts';
import { authSettingsSchema } from './auth-settings.ts';

export const ROLES = ['viewer', 'analyst', 'admin', 'metrics'] as const;
export type Role = (typeof ROLES)[number];

/** viewer (search, detail) < analyst (+ export) < admin (+ review, audit, schedule, everything); metrics only scrapes. */
const RANK: Partial<Record<Role, number>> = { viewer: 1, analyst: 2, admin: 3 };

/** Whether a token of role `held` may use a route that needs `needed`. */
export function allows(held: Role, needed: Role): boolean {
  if (held === 'admin' || held === needed) return true;
  const [h, n] = [RANK[held], RANK[needed]];
  return h !== undefined && n !== undefined && h >= n;
}

const tokenEntry = z
  .string()
  .regex(
    /^(viewer|analyst|admin|metrics):[A-Za-z0-9._~+/=-]{16,}$/,
    'expected role:token pairs, comma-separated; roles viewer, analyst, admin, metrics; tokens of 16+ characters',
  );

/** The HTTP API's authentication settings. */
export const authEnvSchema = z.object({
  /** `role:token` pairs, comma-separated (`admin:…,analyst:…,metrics:…`). Unset: an admin token is generated (see docs/api.md). */
  SYNCLOG_API_TOKENS: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(tokenEntry).min(1))
    .optional(),
  /** Default false. true serves every route without a token: only for a trusted network. */
  SYNCLOG_API_OPEN: envBoolean.default(false),
  ...authSettingsSchema.shape,
});
export type AuthEnv = z.infer<typeof authEnvSchema>;

export interface ApiTokens {
  readonly open: boolean;
  /** The role a presented token carries, or `null`. Compared in constant time. */
  roleOf(token: string): Role | null;
  /** The role of the configured token with this fingerprint (`tokenFingerprint`), or `null` once it is removed. */
  roleOfFingerprint(fingerprint: string): Role | null;
}

/** Who made a request, as the access log records it: the role and a fingerprint of the token (never the token). */
export interface Caller {
  readonly role: Role | 'open';
  readonly id: string;
}

export const callerOf = (role: Role, token: string): Caller => callerOfFingerprint(role, tokenFingerprint(token));

/** The caller of a token known only by its fingerprint, as `callerOf` names it. */
export const callerOfFingerprint = (role: Role, fingerprint: string): Caller => ({
  role,
  id: `${role}#${fingerprint.slice(0, 12)}`,
});

const digest = (token: string) => createHash('sha256').update(token).digest();

/** SHA-256 of a token, hex: what a console session keeps instead of the token. */
export const tokenFingerprint = (token: string) => digest(token).toString('hex');

/** Whether a presented secret is the expected one, compared in constant time. */
export const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

export function apiTokens(entries: ReadonlyArray<{ role: Role; token: string }>, open = false): ApiTokens {
  const known = entries.map(({ role, token }) => ({ role, hash: digest(token) }));
  return {
    open,
    roleOf(token) {
      const hash = digest(token);
      return known.find((k) => timingSafeEqual(k.hash, hash))?.role ?? null;
    },
    roleOfFingerprint(fingerprint) {
      const hash = Buffer.from(fingerprint, 'hex');
      if (hash.length !== 32) return null;
      return known.find((k) => timingSafeEqual(k.hash, hash))?.role ?? null;
    },
  };
}

/**
 * The tokens the service accepts. Without SYNCLOG_API_TOKENS (and not run open) an admin token is
 * generated once into `tokenFile` (mode 0600) and reused, so a first start is secure and usable.
 */
export function tokensFromEnv(env: AuthEnv, tokenFile: string, say: (line: string) => void): ApiTokens {
  if (env.SYNCLOG_API_OPEN) {
    say('the HTTP API is OPEN (SYNCLOG_API_OPEN=true): every route answers without a token');
    return apiTokens([], true);
  }
  if (env.SYNCLOG_API_TOKENS) {
    return apiTokens(
      env.SYNCLOG_API_TOKENS.map((entry) => {
        const at = entry.indexOf(':');
        return { role: entry.slice(0, at) as Role, token: entry.slice(at + 1) };
      }),
    );
  }
  if (!existsSync(tokenFile)) {
    mkdirSync(dirname(tokenFile), { recursive: true });
    writeFileSync(tokenFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  chmodSync(tokenFile, 0o600);
  const token = readFileSync(tokenFile, 'utf8').trim();
  say(`no SYNCLOG_API_TOKENS: the admin token is in ${tokenFile} (send it as "Authorization: Bearer <token>")`);
  return apiTokens([{ role: 'admin', token }]);
}
