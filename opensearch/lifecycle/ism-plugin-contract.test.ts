import { describe, expect, it } from 'vitest';
import { checkShape } from '../alerting/fixtures/shape-check.ts';
import { defaultLifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';
import { INDEX_PERIODS } from '../record/index-period.ts';
import { AWS_ACTIONS, ismPolicyShape } from './fixtures/ism-plugin-shapes.ts';
import { renderIsmPolicy, type IsmRenderOptions } from './ism-policy.ts';

const POLICIES = [
  defaultLifecyclePolicy({ archive_repository: 'synclog-archive' }),
  defaultLifecyclePolicy({
    archive_repository: 'crm-archive',
    hot_days: 1,
    delete_days: 2,
    archive_keep_days: 2,
    cold: { replicas: 2, priority: 7, force_merge_segments: 3 },
  }),
];
const SELF_MANAGED: Array<Omit<IsmRenderOptions, 'unit'>> = [
  { target: 'self-managed', indexPattern: 'synclog-logs-*', coldNodes: true },
  { target: 'self-managed', indexPattern: 'crm-logs-*', coldNodes: false },
];

describe('the rendered ISM policy against the index-management parsers', () => {
  it('is accepted for a self-managed cluster, every policy, index period and cold-node choice', () => {
    let checked = 0;
    for (const policy of POLICIES)
      for (const unit of INDEX_PERIODS)
        for (const options of SELF_MANAGED) {
          const body = renderIsmPolicy(policy, { ...options, unit });
          expect(checkShape(body, ismPolicyShape()), `${unit} ${options.coldNodes}`).toEqual([]);
          checked++;
        }
    expect(checked).toBe(POLICIES.length * INDEX_PERIODS.length * SELF_MANAGED.length);
  });

  it('is accepted on Amazon OpenSearch Service, whose warm_migration the open-source parser does not know', () => {
    for (const policy of POLICIES) {
      const body = renderIsmPolicy(policy, { target: 'aws', unit: 'month', indexPattern: 'x-logs-*', coldNodes: true });
      expect(checkShape(body, ismPolicyShape(AWS_ACTIONS))).toEqual([]);
      expect(checkShape(body, ismPolicyShape())).toEqual([
        '$.policy.states[1].actions[1].warm_migration: unknown field (rejected by the parser)',
      ]);
    }
  });

  it('would notice what the parsers refuse: an action after delete, a dangling transition, two conditions', () => {
    const body = renderIsmPolicy(POLICIES[0]!, { ...SELF_MANAGED[0]!, unit: 'month' }) as {
      policy: { states: Array<{ actions: object[]; transitions: Array<Record<string, unknown>> }> };
    };
    body.policy.states[3]!.actions.push({ read_only: {} });
    body.policy.states[1]!.transitions[0]!.state_name = 'frozen';
    body.policy.states[0]!.transitions[0]!.conditions = { min_index_age: '1d', min_doc_count: 5 };
    expect(checkShape(body, ismPolicyShape())).toEqual([
      '$.policy.states[0].transitions[0].conditions: more than one transition condition',
      '$.policy.states[3]: an action after a delete action',
      '$.policy: a transition to the nonexistent state frozen',
    ]);
  });
});
