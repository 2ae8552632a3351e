import { describe, expect, it } from 'vitest';
import { withLogPatternExcluded } from './ensure-auto-create.ts';

describe('withLogPatternExcluded', () => {
  it('turns the default (everything allowed) into "everything but the log pattern"', () => {
    expect(withLogPatternExcluded('true', 'synclog-logs-*')).toBe('-synclog-logs-*,+*');
  });

  it('puts the exclusion first in an existing pattern list, because the first match wins', () => {
    expect(withLogPatternExcluded('+app-*,-*', 'synclog-logs-*')).toBe('-synclog-logs-*,+app-*,-*');
  });

  it('leaves a list that already excludes the pattern, and a cluster that allows nothing, as they are', () => {
    expect(withLogPatternExcluded('-synclog-logs-*,+*', 'synclog-logs-*')).toBe('-synclog-logs-*,+*');
    expect(withLogPatternExcluded('false', 'synclog-logs-*')).toBe('false');
  });
});
