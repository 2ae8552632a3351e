import { describe, expect, it } from 'vitest';
import { alertRulesSchema, type AlertRule } from './alert-rules.ts';
import { findingsOf, slaFindings } from './finding.ts';

type SlaRule = Extract<AlertRule, { kind: 'sla' }>;
const sla = (change: Record<string, unknown> = {}) =>
  alertRulesSchema.parse([{ name: 'sla', kind: 'sla', ...change }])[0] as SlaRule;

/** A search answer of an SLA rule: `finished` outcome records, `successes` of them `success`. */
const answer = (finished: number, successes: number) => ({
  hits: { total: { value: finished }, hits: [] },
  aggregations: { successes: { doc_count: successes } },
});

describe('what an SLA rule finds', () => {
  it('fires below the target with the share, the target and the finished operations', () => {
    expect(slaFindings(sla(), 1_000, 989)).toEqual([
      {
        group: '',
        value: 0.989,
        threshold: 0.99,
        count: 1_000,
        summary:
          'success share 98.90 % over the last 30 days (989 of 1,000 finished operations), below the 99.00 % target',
        samples: [],
      },
    ]);
  });

  it('stays quiet at exactly the target and above it', () => {
    expect(slaFindings(sla(), 1_000, 990)).toEqual([]);
    expect(slaFindings(sla(), 1_000, 991)).toEqual([]);
    expect(slaFindings(sla({ target: 0.999 }), 10_000, 9_990)).toEqual([]);
    expect(slaFindings(sla({ target: 0.999 }), 10_000, 9_989)).toHaveLength(1);
  });

  it('never fires below min_operations, even when nothing succeeded, and fires from min_operations on', () => {
    expect(slaFindings(sla(), 99, 0)).toEqual([]);
    expect(slaFindings(sla(), 0, 0)).toEqual([]);
    expect(slaFindings(sla(), 100, 98)).toHaveLength(1);
    expect(slaFindings(sla({ min_operations: 5 }), 5, 4)).toMatchObject([{ value: 0.8, count: 5 }]);
  });

  it('reads the finished operations and the successes from the search answer', () => {
    expect(findingsOf(sla({ window_days: 7 }), answer(200, 190))).toMatchObject([
      { value: 0.95, count: 200, summary: expect.stringContaining('over the last 7 days (190 of 200') },
    ]);
    expect(findingsOf(sla(), answer(200, 199))).toEqual([]);
    // A cluster without log indices answers without aggregations: no operations, nothing fires.
    expect(findingsOf(sla(), { hits: { total: { value: 0 } } })).toEqual([]);
  });
});
