import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../config/parse-env.ts';
import { personalDataConfig, personalDataEnvSchema } from './personal-data-env.ts';
import { PERSONAL_DATA_PRESETS } from './personal-data-policy.ts';

const KEYS = 'k1:first-secret-of-at-least-32-characters!';
const files: Record<string, string> = {
  '/etc/synclog/keys': `k2:second-secret-of-at-least-32-characters\n${KEYS}\n`,
  '/etc/synclog/policy.json': JSON.stringify({
    extends: 'strict',
    fields: { onec_id: 'hash' },
    details: { 'a.b': 'drop' },
  }),
  '/etc/synclog/bad-action.json': JSON.stringify({ fields: { customer_email: 'encrypt' } }),
  '/etc/synclog/not-json': 'strict',
};
const read = (path: string) => {
  if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
  return files[path]!;
};
const config = (env: Record<string, string>) => personalDataConfig(parseEnv(personalDataEnvSchema, env), read);

/** The variables a ConfigError names. */
function refusedVariables(env: Record<string, string>): string[] {
  try {
    config(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error('expected a ConfigError');
}

describe('the personal data policy from the environment', () => {
  it('is keep, without keys, when nothing is set', () => {
    expect(config({})).toEqual({ policy: PERSONAL_DATA_PRESETS.keep, keys: null });
  });

  it('reads a preset with keys from a file or inline', () => {
    const fromFile = config({
      SYNCLOG_PERSONAL_DATA_POLICY: 'strict',
      SYNCLOG_PERSONAL_DATA_KEYS_FILE: '/etc/synclog/keys',
    });
    expect(fromFile.policy).toEqual(PERSONAL_DATA_PRESETS.strict);
    expect(fromFile.keys?.all.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config({ SYNCLOG_PERSONAL_DATA_POLICY: 'strict', SYNCLOG_PERSONAL_DATA_KEYS: KEYS }).keys?.current.id).toBe(
      'k1',
    );
  });

  it('reads a JSON policy file on top of its preset', () => {
    const { policy } = config({
      SYNCLOG_PERSONAL_DATA_POLICY: '/etc/synclog/policy.json',
      SYNCLOG_PERSONAL_DATA_KEYS: KEYS,
    });
    expect(policy.name).toBe('custom');
    expect(policy.fields).toEqual({ customer_email: 'hash', 'customer.name': 'mask', onec_id: 'hash' });
    expect(policy.details).toMatchObject({ 'customer.email': 'hash', 'a.b': 'drop' });
  });

  it.each([
    [{ SYNCLOG_PERSONAL_DATA_POLICY: 'strict' }, 'SYNCLOG_PERSONAL_DATA_POLICY'],
    [{ SYNCLOG_PERSONAL_DATA_POLICY: '/etc/synclog/missing.json' }, 'SYNCLOG_PERSONAL_DATA_POLICY'],
    [{ SYNCLOG_PERSONAL_DATA_POLICY: '/etc/synclog/not-json' }, 'SYNCLOG_PERSONAL_DATA_POLICY'],
    [{ SYNCLOG_PERSONAL_DATA_POLICY: '/etc/synclog/bad-action.json' }, 'SYNCLOG_PERSONAL_DATA_POLICY'],
    [{ SYNCLOG_PERSONAL_DATA_KEYS: 'k1:short' }, 'SYNCLOG_PERSONAL_DATA_KEYS'],
    [{ SYNCLOG_PERSONAL_DATA_KEYS_FILE: '/etc/synclog/missing' }, 'SYNCLOG_PERSONAL_DATA_KEYS_FILE'],
    [
      { SYNCLOG_PERSONAL_DATA_KEYS_FILE: '/etc/synclog/keys', SYNCLOG_PERSONAL_DATA_KEYS: KEYS },
      'SYNCLOG_PERSONAL_DATA_KEYS',
    ],
  ])('stops start-up on %j, naming %s', (env, variable) => {
    expect(refusedVariables(env)).toEqual([variable]);
  });

  it('says which rules hash when no key is configured', () => {
    expect(() => config({ SYNCLOG_PERSONAL_DATA_POLICY: 'strict' })).toThrow(
      /hashes customer_email, details.customer.email but no key is configured/,
    );
  });
});
