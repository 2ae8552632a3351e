import { readFileSync } from 'node:fs';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { parseKeyRing, type KeyRing } from '../../opensearch/privacy/hmac-keys.ts';
import {
  checkedPolicy,
  keysFromEnv,
  personalDataEnvSchema,
  policyFromEnv,
  type ReadText,
} from '../../opensearch/privacy/personal-data-env.ts';
import { hashingRules, resolvePolicy } from '../../opensearch/privacy/personal-data-policy.ts';
import { personalDataProtector, type PersonalDataProtector } from '../../opensearch/privacy/personal-data-protector.ts';
import { ShipperOptionsError, type ShipperOptions } from './shipper-options.ts';

const readText: ReadText = (path) => readFileSync(path, 'utf8');

/**
 * The transport's personal data policy: the `personalData` option, else `SYNCLOG_PERSONAL_DATA_POLICY`,
 * else `keep`; its keys from `personalDataKeysFile`, else the environment. `null` for a policy
 * that keeps everything. A bad option throws a `ShipperOptionsError` naming it; a bad variable, a
 * `ConfigError` naming the variable; a policy that hashes without a key is either, after where
 * the policy came from.
 */
export function personalDataOf(
  options: Pick<ShipperOptions, 'personalData' | 'personalDataKeysFile'>,
  env: Record<string, string | undefined> = process.env,
  read: ReadText = readText,
): PersonalDataProtector | null {
  const fromEnv = parseEnv(personalDataEnvSchema, env);
  const keys = options.personalDataKeysFile === undefined ? keysFromEnv(fromEnv, read) : keysFromOption(options, read);
  if (options.personalData === undefined)
    return personalDataProtector(checkedPolicy(policyFromEnv(fromEnv, read), keys), keys);
  const policy = resolvePolicy(options.personalData);
  const hashing = hashingRules(policy);
  if (hashing.length > 0 && !keys)
    throw new ShipperOptionsError(
      `invalid OpenSearchTransport options: personalData: hashes ${hashing.join(', ')} but no key is configured (personalDataKeysFile, SYNCLOG_PERSONAL_DATA_KEYS_FILE or SYNCLOG_PERSONAL_DATA_KEYS)`,
    );
  return personalDataProtector(policy, keys);
}

function keysFromOption(options: Pick<ShipperOptions, 'personalDataKeysFile'>, read: ReadText): KeyRing {
  const file = options.personalDataKeysFile!;
  try {
    return parseKeyRing(read(file));
  } catch (error) {
    throw new ShipperOptionsError(
      `invalid OpenSearchTransport options: personalDataKeysFile: ${file}: ${(error as Error).message}`,
    );
  }
}
