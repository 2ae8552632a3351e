import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config/parse-env.ts';
import { parseKeyRing, type KeyRing } from './hmac-keys.ts';
import {
  hashingRules,
  policyDefinitionSchema,
  PRESETS,
  resolvePolicy,
  type PersonalDataPolicy,
  type PresetName,
} from './personal-data-policy.ts';

/**
 * The personal data policy's environment, read alike by the shipper (an application's
 * `OpenSearchTransport`) and the service. Names here are the names in docs/configuration.md.
 */
export const personalDataEnvSchema = z.object({
  /** Default `keep`: `keep`, `strict`, or the path of a JSON policy file. */
  SYNCLOG_PERSONAL_DATA_POLICY: z.string().min(1).default('keep'),
  /** A file of `<key id>:<secret>` lines, newest first: the hashing keys. */
  SYNCLOG_PERSONAL_DATA_KEYS_FILE: z.string().min(1).optional(),
  /** The same entries inline, comma-separated (where a file cannot be mounted). */
  SYNCLOG_PERSONAL_DATA_KEYS: z.string().min(1).optional(),
});
export type PersonalDataEnv = z.infer<typeof personalDataEnvSchema>;

/** A settled policy and the keys it hashes with (`null` without keys). */
export interface PersonalDataConfig {
  readonly policy: PersonalDataPolicy;
  readonly keys: KeyRing | null;
}

export type ReadText = (path: string) => string;
const readText: ReadText = (path) => readFileSync(path, 'utf8');

/**
 * Reads the policy (a preset, or a JSON file) and the keys (a file or the inline variable).
 * Anything wrong throws a `ConfigError` naming the variable: an unreadable file, a bad policy or
 * key entry, both key variables set, or a policy that hashes with no key.
 */
export function personalDataConfig(env: PersonalDataEnv, read: ReadText = readText): PersonalDataConfig {
  const policy = policyFromEnv(env, read);
  const keys = keysFromEnv(env, read);
  return { policy: checkedPolicy(policy, keys), keys };
}

/** Throws a `ConfigError` naming `variable` when the policy hashes with no key. */
export function checkedPolicy(
  policy: PersonalDataPolicy,
  keys: KeyRing | null,
  variable = 'SYNCLOG_PERSONAL_DATA_POLICY',
): PersonalDataPolicy {
  const hashing = hashingRules(policy);
  if (hashing.length > 0 && !keys)
    throw new ConfigError([
      {
        variable,
        message: `the policy hashes ${hashing.join(', ')} but no key is configured: set SYNCLOG_PERSONAL_DATA_KEYS_FILE or SYNCLOG_PERSONAL_DATA_KEYS`,
      },
    ]);
  return policy;
}

/** `SYNCLOG_PERSONAL_DATA_POLICY`: a preset, or the JSON file it names. */
export function policyFromEnv(env: PersonalDataEnv, read: ReadText = readText): PersonalDataPolicy {
  const value = env.SYNCLOG_PERSONAL_DATA_POLICY;
  if ((PRESETS as readonly string[]).includes(value)) return resolvePolicy(value as PresetName);
  const variable = 'SYNCLOG_PERSONAL_DATA_POLICY';
  let json: unknown;
  try {
    json = JSON.parse(read(value));
  } catch (error) {
    const why = error instanceof SyntaxError ? `not JSON: ${error.message}` : (error as Error).message;
    throw new ConfigError([{ variable, message: `expected keep, strict or a JSON policy file; ${value}: ${why}` }]);
  }
  const parsed = policyDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(policy)'}: ${i.message}`);
    throw new ConfigError([{ variable, message: `${value}: ${problems.join('; ')}` }]);
  }
  return resolvePolicy(parsed.data);
}

/** The keys of `SYNCLOG_PERSONAL_DATA_KEYS_FILE` or `SYNCLOG_PERSONAL_DATA_KEYS`; `null` when neither is set. */
export function keysFromEnv(env: PersonalDataEnv, read: ReadText = readText): KeyRing | null {
  const file = env.SYNCLOG_PERSONAL_DATA_KEYS_FILE;
  const inline = env.SYNCLOG_PERSONAL_DATA_KEYS;
  if (file !== undefined && inline !== undefined)
    throw new ConfigError([
      {
        variable: 'SYNCLOG_PERSONAL_DATA_KEYS',
        message: 'set either this or SYNCLOG_PERSONAL_DATA_KEYS_FILE, not both',
      },
    ]);
  if (inline !== undefined) return keyRing('SYNCLOG_PERSONAL_DATA_KEYS', () => inline);
  if (file !== undefined) return keyRing('SYNCLOG_PERSONAL_DATA_KEYS_FILE', () => read(file), file);
  return null;
}

function keyRing(variable: string, text: () => string, file?: string): KeyRing {
  try {
    return parseKeyRing(text());
  } catch (error) {
    // A key entry's secret never appears in the message.
    throw new ConfigError([{ variable, message: `${file ? `${file}: ` : ''}${(error as Error).message}` }]);
  }
}
