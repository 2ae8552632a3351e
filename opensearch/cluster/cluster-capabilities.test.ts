import { describe, expect, it } from 'vitest';
import { assertSupportedVersion, chooseExecutors, PLUGINS, UnsupportedClusterError } from './cluster-capabilities.ts';

describe('cluster capabilities', () => {
  it('accepts OpenSearch from 2.7 up to 3.x', () => {
    for (const v of ['2.7.0', '2.19.1', '3.0.0', '3.8.0']) expect(() => assertSupportedVersion(v)).not.toThrow();
  });

  it('refuses versions without flat_object, future majors and other distributions, saying the range', () => {
    expect(() => assertSupportedVersion('2.6.0')).toThrow(/2\.7\.0.*flat_object/);
    expect(() => assertSupportedVersion('1.3.19')).toThrow(UnsupportedClusterError);
    expect(() => assertSupportedVersion('4.0.0')).toThrow(/up to \(not including\) 4\.0/);
    expect(() => assertSupportedVersion('8.15.0', 'elasticsearch')).toThrow(/elasticsearch 8\.15\.0/);
  });

  it('lets the plugins run retention and alerting where the cluster has them', () => {
    expect(chooseExecutors([PLUGINS.ism, PLUGINS.alerting, PLUGINS.notifications])).toEqual({
      retention: 'ism',
      alerting: 'alerting-plugin',
    });
  });

  it('falls back to the built-in executors, and needs Notifications for Alerting webhooks', () => {
    expect(chooseExecutors([])).toEqual({ retention: 'builtin', alerting: 'builtin' });
    expect(chooseExecutors([PLUGINS.alerting])).toEqual({ retention: 'builtin', alerting: 'builtin' });
  });
});
