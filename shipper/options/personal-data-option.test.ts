import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../opensearch/config/parse-env.ts';
import { personalDataOf } from './personal-data-option.ts';
import { ShipperOptionsError } from './shipper-options.ts';

const files: Record<string, string> = { '/run/keys': 'k9:a-secret-of-at-least-32-characters-long' };
const read = (path: string) => {
  if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
  return files[path]!;
};

describe('the transport’s personal data policy', () => {
  it('is keep (no protector) when neither option nor environment names one', () => {
    expect(personalDataOf({}, {}, read)).toBeNull();
  });

  it('comes from SYNCLOG_PERSONAL_DATA_POLICY with the keys file of the environment', () => {
    const protector = personalDataOf(
      {},
      { SYNCLOG_PERSONAL_DATA_POLICY: 'strict', SYNCLOG_PERSONAL_DATA_KEYS_FILE: '/run/keys' },
      read,
    );
    expect(protector?.policy.name).toBe('strict');
    expect(protector?.protectRecord({ customer_email: 'a@b.ru' }).pii_key_id).toBe('k9');
  });

  it('takes the option before the environment', () => {
    const env = { SYNCLOG_PERSONAL_DATA_POLICY: 'strict', SYNCLOG_PERSONAL_DATA_KEYS_FILE: '/run/keys' };
    expect(personalDataOf({ personalData: 'keep' }, env, read)).toBeNull();
    expect(personalDataOf({ personalData: { fields: { onec_id: 'mask' } } }, {}, read)?.policy.fields.onec_id).toBe(
      'mask',
    );
  });

  it('names the option when a policy given as an option hashes without a key', () => {
    expect(() => personalDataOf({ personalData: 'strict' }, {}, read)).toThrow(ShipperOptionsError);
    expect(() => personalDataOf({ personalData: 'strict' }, {}, read)).toThrow(/personalData: hashes customer_email/);
  });

  it('names personalDataKeysFile when its file cannot be read', () => {
    expect(() => personalDataOf({ personalData: 'strict', personalDataKeysFile: '/run/none' }, {}, read)).toThrow(
      /personalDataKeysFile: \/run\/none: ENOENT/,
    );
  });

  it('names the variable when the environment’s policy hashes without a key', () => {
    expect(() => personalDataOf({}, { SYNCLOG_PERSONAL_DATA_POLICY: 'strict' }, read)).toThrow(ConfigError);
    expect(() => personalDataOf({}, { SYNCLOG_PERSONAL_DATA_POLICY: 'strict' }, read)).toThrow(
      /SYNCLOG_PERSONAL_DATA_POLICY: the policy hashes/,
    );
  });
});
