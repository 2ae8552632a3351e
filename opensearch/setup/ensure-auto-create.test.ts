import { describe, expect, it } from 'vitest';
import { withLogPatternExcluded } from './ensure-auto-create.ts';

describe('withLogPatternExcluded', () => {
  it('turns the default (everything allowed) into "everything but the log pattern"', () => {
    expect(withLogPatternExcluded('true', 'synclog-logs-*')).toBe('-synclog-logs-*,+*');
  });

  it('puts the exclusion first in an existing pattern list, because the first match wins', () => {
    expect(withLogPatternExcluded('+app-*,+synclog-*', 'synclog-logs-*')).toBe('-synclog-logs-*,+app-*,+synclog-*');
    expect(withLogPatternExcluded('+app-*,-*', 'synclog-logs-*')).toBe('+app-*,-*');
  });

  it('counts a broader exclusion that comes first as excluding the log indices', () => {
    expect(withLogPatternExcluded('-synclog-*,+*', 'synclog-logs-*')).toBe('-synclog-*,+*');
    expect(withLogPatternExcluded('+*,-synclog-*', 'synclog-logs-*')).toBe('-synclog-logs-*,+*,-synclog-*');
    expect(withLogPatternExcluded('-other-*,+*', 'synclog-logs-*')).toBe('-synclog-logs-*,-other-*,+*');
  });

  it('leaves a list that already excludes the pattern, and a cluster that allows nothing, as they are', () => {
    expect(withLogPatternExcluded('-synclog-logs-*,+*', 'synclog-logs-*')).toBe('-synclog-logs-*,+*');
    expect(withLogPatternExcluded('false', 'synclog-logs-*')).toBe('false');
  });
});
