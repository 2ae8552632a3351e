import type { Period } from '../record/index-period.ts';
import { lifecycleDueDates, type LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';

/** What is known about one log index on a pass of the runner. */
export interface IndexFacts {
  readonly index: string;
  readonly period: Period;
  /** The cold step finished on an earlier pass (it is recorded in the retention log). */
  readonly cold: boolean;
  /** The archive snapshot recorded for it, and whether it is present and complete right now. */
  readonly archive: { readonly snapshot: string; readonly verified: boolean } | null;
  readonly held: boolean;
}

export type LifecycleAction =
  | { readonly kind: 'none'; readonly next?: { readonly step: 'cold' | 'delete'; readonly at: Date } }
  | { readonly kind: 'cold' }
  | { readonly kind: 'archive' }
  | { readonly kind: 'delete'; readonly snapshot: string }
  | { readonly kind: 'blocked'; readonly reason: string };

/**
 * The next step for one index: cold once its hot time is over, archived right after, deleted when
 * its delete time has come — but never while it is held, and never without a verified snapshot
 * (a missing one is taken again first). Pure: the runner executes, this decides.
 */
export function planIndex(facts: IndexFacts, policy: LifecyclePolicy, now: Date): LifecycleAction {
  const due = lifecycleDueDates(facts.period, policy);
  if (now < due.coldAt) return { kind: 'none', next: { step: 'cold', at: due.coldAt } };
  if (!facts.cold) return { kind: 'cold' };
  if (!facts.archive?.verified) return { kind: 'archive' };
  if (now < due.deleteAt) return { kind: 'none', next: { step: 'delete', at: due.deleteAt } };
  if (facts.held) return { kind: 'blocked', reason: 'on legal hold' };
  return { kind: 'delete', snapshot: facts.archive.snapshot };
}
