import { describe, expect, it } from 'vitest';
import { renderIsmPolicy } from './ism-policy.ts';
import { defaultLifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';

const policy = defaultLifecyclePolicy({ archive_repository: 'synclog-archive' });

/** The shape ISM's policy API documents: states with actions and transitions, a default state, ism_template. */
function expectIsmShape(body: { policy: Record<string, unknown> }) {
  const p = body.policy as {
    default_state: string;
    states: Array<{
      name: string;
      actions: unknown[];
      transitions: Array<{ state_name: string; conditions?: Record<string, string> }>;
    }>;
    ism_template: unknown;
  };
  const names = p.states.map((s) => s.name);
  expect(names).toContain(p.default_state);
  for (const state of p.states) {
    for (const transition of state.transitions) expect(names).toContain(transition.state_name);
    for (const action of state.actions) expect(Object.keys(action as object)).toHaveLength(1);
    for (const transition of state.transitions)
      if (transition.conditions) expect(transition.conditions.min_index_age).toMatch(/^\d+d$/);
  }
  expect(p.ism_template).toEqual(
    expect.objectContaining({ index_patterns: expect.any(Array), priority: expect.any(Number) }),
  );
}

describe('the ISM rendering of the lifecycle policy', () => {
  it('renders the default policy for a self-managed cluster with cold nodes, ages counted from the end of each month', () => {
    const body = renderIsmPolicy(policy, {
      target: 'self-managed',
      unit: 'month',
      indexPattern: 'synclog-logs-*',
      coldNodes: true,
    });
    expectIsmShape(body);
    expect(body.policy).toMatchObject({
      default_state: 'hot',
      states: [
        { name: 'hot', actions: [], transitions: [{ state_name: 'cold', conditions: { min_index_age: '121d' } }] },
        {
          name: 'cold',
          actions: [
            { read_only: {} },
            { force_merge: { max_num_segments: 1 } },
            { replica_count: { number_of_replicas: 0 } },
            { index_priority: { priority: 0 } },
            { allocation: { require: { temp: 'cold' }, wait_for: true } },
          ],
          transitions: [{ state_name: 'archived' }],
        },
        {
          name: 'archived',
          actions: [{ snapshot: { repository: 'synclog-archive', snapshot: 'synclog-archive' } }],
          transitions: [{ state_name: 'deleted', conditions: { min_index_age: '761d' } }],
        },
        { name: 'deleted', actions: [{ delete: {} }], transitions: [] },
      ],
      ism_template: { index_patterns: ['synclog-logs-*'], priority: 100 },
    });
  });

  it('renders a customised policy: its durations, cold settings and repository, daily indices, no cold nodes', () => {
    const custom = defaultLifecyclePolicy({
      archive_repository: 'crm-archive',
      hot_days: 30,
      delete_days: 365,
      cold: { replicas: 1, priority: 5, force_merge_segments: 2 },
    });
    const body = renderIsmPolicy(custom, {
      target: 'self-managed',
      unit: 'day',
      indexPattern: 'crm-logs-*',
      coldNodes: false,
    });
    expectIsmShape(body);
    const states = (body.policy as { states: Array<{ name: string; actions: unknown[]; transitions: unknown[] }> })
      .states;
    expect(states[0]!.transitions).toEqual([{ state_name: 'cold', conditions: { min_index_age: '31d' } }]);
    expect(states[1]!.actions).toEqual([
      { read_only: {} },
      { force_merge: { max_num_segments: 2 } },
      { replica_count: { number_of_replicas: 1 } },
      { index_priority: { priority: 5 } },
    ]);
    expect(states[2]).toMatchObject({
      actions: [{ snapshot: { repository: 'crm-archive' } }],
      transitions: [{ state_name: 'deleted', conditions: { min_index_age: '366d' } }],
    });
  });

  it('moves cold indices with warm_migration on Amazon OpenSearch Service, which has no custom node attributes', () => {
    const body = renderIsmPolicy(policy, {
      target: 'aws',
      unit: 'week',
      indexPattern: 'synclog-logs-*',
      coldNodes: true,
    });
    expectIsmShape(body);
    const cold = (body.policy as { states: Array<{ name: string; actions: unknown[] }> }).states[1]!;
    expect(cold.actions).toEqual([{ force_merge: { max_num_segments: 1 } }, { warm_migration: {} }]);
    expect(JSON.stringify(body)).not.toContain('"temp"');
  });
});
