import { describe, expect, it } from 'vitest';
import { periodOf } from '../record/index-period.ts';
import { planIndex, type IndexFacts } from './lifecycle-plan.ts';
import { defaultLifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';

const policy = defaultLifecyclePolicy({ archive_repository: 'synclog-archive' });
const january = periodOf('2024-01-15T00:00:00Z', 'month'); // ends 2024-02-01
const DAY = 86_400_000;
const after = (days: number) => new Date(january.end.getTime() + days * DAY);
const facts = (extra: Partial<IndexFacts> = {}): IndexFacts => ({
  index: 'synclog-logs-2024.01',
  period: january,
  cold: false,
  archive: null,
  held: false,
  ...extra,
});
const archived = { snapshot: 'synclog-logs-2024.01-archive', verified: true };

describe('the lifecycle plan of one index', () => {
  it('keeps an index hot until 90 days after its period ended, then makes it cold', () => {
    expect(planIndex(facts(), policy, after(89))).toEqual({ kind: 'none', next: { step: 'cold', at: after(90) } });
    expect(planIndex(facts(), policy, after(90))).toEqual({ kind: 'cold' });
  });

  it('archives a cold index at once, and again when its snapshot has gone missing', () => {
    expect(planIndex(facts({ cold: true }), policy, after(91))).toEqual({ kind: 'archive' });
    expect(planIndex(facts({ cold: true, archive: { ...archived, verified: false } }), policy, after(800))).toEqual({
      kind: 'archive',
    });
  });

  it('deletes an archived index only from 730 days after its period ended', () => {
    expect(planIndex(facts({ cold: true, archive: archived }), policy, after(729))).toEqual({
      kind: 'none',
      next: { step: 'delete', at: after(730) },
    });
    expect(planIndex(facts({ cold: true, archive: archived }), policy, after(730))).toEqual({
      kind: 'delete',
      snapshot: archived.snapshot,
    });
  });

  it('never deletes a held index', () => {
    expect(planIndex(facts({ cold: true, archive: archived, held: true }), policy, after(2_000))).toEqual({
      kind: 'blocked',
      reason: 'on legal hold',
    });
  });
});
