import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { gatherLifecycleFacts } from './lifecycle-facts.ts';
import { planIndex } from './lifecycle-plan.ts';
import type { LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';

export interface IndexStatusRow {
  readonly index: string;
  readonly state: 'hot' | 'cold' | 'archived';
  readonly period_start: string;
  readonly period_end: string;
  /** Whole days since the period ended (0 while it runs). */
  readonly age_days: number;
  readonly docs: number;
  readonly bytes: number;
  readonly held: boolean;
  readonly archive: string | null;
  /** The next transition and when, what is due now, or what blocks it. */
  readonly next: string;
  readonly error: string | null;
}

const DAY_MS = 86_400_000;

/** Per log index: lifecycle state, event-time range, age, size, documents, hold, next transition, last error. */
export async function retentionStatus(
  client: OpenSearchClient,
  names: IndexNames,
  policy: LifecyclePolicy,
  now: Date,
): Promise<IndexStatusRow[]> {
  const { indices } = await gatherLifecycleFacts(client, names, policy);
  return indices.map(({ facts, docs, bytes, lastError }) => {
    const action = planIndex(facts, policy, now);
    const next =
      action.kind === 'none'
        ? action.next
          ? `${action.next.step} at ${action.next.at.toISOString()}`
          : '–'
        : action.kind === 'blocked'
          ? `delete blocked: ${action.reason}`
          : `${action.kind} due now`;
    return {
      index: facts.index,
      state: facts.archive?.verified ? 'archived' : facts.cold ? 'cold' : 'hot',
      period_start: facts.period.start.toISOString(),
      period_end: facts.period.end.toISOString(),
      age_days: Math.max(0, Math.floor((now.getTime() - facts.period.end.getTime()) / DAY_MS)),
      docs,
      bytes,
      held: facts.held,
      archive: facts.archive ? `${facts.archive.snapshot}${facts.archive.verified ? '' : ' (MISSING)'}` : null,
      next,
      error: lastError ? `${lastError.step} failed at ${lastError.at}: ${lastError.error ?? ''}` : null,
    };
  });
}
