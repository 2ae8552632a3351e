import { describe, expect, it } from 'vitest';
import { indexNames, indexPrefixSchema } from './index-names.ts';

const matches = (pattern: string, name: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name);

describe('indexNames', () => {
  const names = indexNames('synclog');

  it('routes a record to the index of its event-time period', () => {
    expect(names.logIndexFor('2025-11-30T23:59:59Z', 'month')).toBe('synclog-logs-2025.11');
    expect(names.logIndexFor('2025-11-30T23:59:59Z', 'day')).toBe('synclog-logs-2025.11.30');
  });

  it('keeps every other synclog index out of the managed log pattern and the read alias name', () => {
    const others = [
      names.deadLetter,
      names.meta,
      names.accessLog,
      names.reviews,
      names.reviewed,
      names.exports,
      names.alertState,
      names.alerts,
      names.alertEvents,
      names.schedulerLeases,
      names.schedulerRuns,
      names.holds,
      names.retentionLog,
      names.reportDeliveries,
      'synclog-restored-logs-2025.11',
    ];
    for (const other of others) {
      expect(matches(names.logsPattern, other), other).toBe(false);
      expect(other).not.toBe(names.readAlias);
    }
    expect(matches(names.logsPattern, names.logIndexFor(Date.now(), 'week'))).toBe(true);
    expect(matches(names.restoredPattern, 'synclog-restored-logs-2025.11')).toBe(true);
  });

  it('reads the period back from a managed index name and nothing from other names', () => {
    expect(names.periodOfIndex('synclog-logs-2025.11')?.start.toISOString()).toBe('2025-11-01T00:00:00.000Z');
    expect(names.periodOfIndex('synclog-deadletter')).toBeNull();
    expect(names.periodOfIndex('other-logs-2025.11')).toBeNull();
  });

  it('accepts lowercase prefixes and rejects ones OpenSearch or the patterns cannot use', () => {
    expect(indexPrefixSchema.safeParse('synclog').success).toBe(true);
    expect(indexPrefixSchema.safeParse('acme_prod-2').success).toBe(true);
    for (const bad of ['Synclog', 'sync*log', '-synclog', 'synclog-', '', 'a b']) {
      expect(indexPrefixSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
