import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../opensearch/config/parse-env.ts';
import { serviceConfigFromEnv } from './service-config.ts';

const KEYS = 'k2:second-secret-of-at-least-32-characters,k1:first-secret-of-at-least-32-characters!';

describe('the service’s personal data configuration', () => {
  it('is keep by default', () => {
    expect(serviceConfigFromEnv({}).privacy).toMatchObject({ policy: { name: 'keep' }, keys: null });
  });

  it('reads the policy and every key, newest first', () => {
    const { privacy } = serviceConfigFromEnv({
      SYNCLOG_PERSONAL_DATA_POLICY: 'strict',
      SYNCLOG_PERSONAL_DATA_KEYS: KEYS,
    });
    expect(privacy.policy.name).toBe('strict');
    expect(privacy.keys?.all.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('stops start-up naming the variable when the policy hashes without a key', () => {
    expect(() => serviceConfigFromEnv({ SYNCLOG_PERSONAL_DATA_POLICY: 'strict' })).toThrow(ConfigError);
    expect(() => serviceConfigFromEnv({ SYNCLOG_PERSONAL_DATA_POLICY: 'strict' })).toThrow(
      /SYNCLOG_PERSONAL_DATA_POLICY: the policy hashes customer_email/,
    );
  });
});
