import { describe, expect, it } from 'vitest';
import { alertRulesSchema } from './alert-rules.ts';
import type { AlertState } from './alert-state.ts';
import { ruleTransitions } from './alert-transitions.ts';
import type { Finding } from './finding.ts';

const T = Date.parse('2026-11-23T10:00:00.000Z');
const MIN = 60_000;
const at = (ms: number) => new Date(ms).toISOString();
const [burst, other] = alertRulesSchema.parse([
  { name: 'burst', kind: 'error_burst', threshold: 5, throttle_minutes: 30 },
  { name: 'other', kind: 'error_burst', threshold: 5 },
]);
const finding = (group: string, count: number): Finding => ({
  group,
  value: count,
  threshold: 5,
  count,
  summary: `${count} ${group} errors`,
  samples: [],
});
const WEBHOOKS = ['http://a.example/hook', 'http://b.example/hook'];

/** The states a pass leaves behind, keyed as the evaluator loads them. */
function statesAfter(...passes: Array<{ at: number; findings: Finding[] }>): Map<string, AlertState> {
  const states = new Map<string, AlertState>();
  for (const pass of passes)
    for (const [key, state] of ruleTransitions(burst!, pass.findings, states, pass.at, WEBHOOKS).changed)
      states.set(key, state);
  return states;
}

describe('turning what a rule finds into alert transitions', () => {
  it('starts a firing episode for a new finding, with one delivery per webhook due at once', () => {
    const { changed, events, notes } = ruleTransitions(burst!, [finding('import_from_1c', 8)], new Map(), T, WEBHOOKS);
    expect(events).toEqual([
      expect.objectContaining({ state: 'firing', dedup_key: 'synclog:burst:import_from_1c', count: 8, at: at(T) }),
    ]);
    const state = changed.get('synclog:burst:import_from_1c')!;
    expect(state).toMatchObject({ state: 'firing', started_at: at(T), fired_notified_at: at(T), suppressed: false });
    expect(state.outbox.map((d) => [d.url, d.attempts, d.next_attempt_at])).toEqual(
      WEBHOOKS.map((url) => [url, 0, at(T)]),
    );
    expect(notes).toEqual([]);
  });

  it('only refreshes an alert that is already firing: no event, its start and outbox kept', () => {
    const states = statesAfter({ at: T, findings: [finding('import_from_1c', 8)] });
    const { changed, events } = ruleTransitions(burst!, [finding('import_from_1c', 12)], states, T + MIN, WEBHOOKS);
    expect(events).toEqual([]);
    const state = changed.get('synclog:burst:import_from_1c')!;
    expect(state).toMatchObject({ started_at: at(T), evaluated_at: at(T + MIN), last: { count: 12, at: at(T + MIN) } });
    expect(state.outbox).toEqual(states.get('synclog:burst:import_from_1c')!.outbox);
  });

  it('resolves a firing alert that nothing finds any more, under the same dedup key, and leaves other rules alone', () => {
    const states = statesAfter({ at: T, findings: [finding('import_from_1c', 8)] });
    const { changed, events } = ruleTransitions(other!, [], states, T + MIN, WEBHOOKS);
    expect(events).toEqual([]);
    expect(changed.size).toBe(0);
    const resolved = ruleTransitions(burst!, [], states, T + 5 * MIN, WEBHOOKS);
    expect(resolved.events).toEqual([
      expect.objectContaining({
        state: 'resolved',
        dedup_key: 'synclog:burst:import_from_1c',
        started_at: at(T),
        at: at(T + 5 * MIN),
        summary: 'resolved: 8 import_from_1c errors',
      }),
    ]);
    expect(resolved.changed.get('synclog:burst:import_from_1c')!.outbox).toHaveLength(2 * WEBHOOKS.length);
  });

  it('records a new episode inside the throttle without notifying it, nor its resolution', () => {
    const states = statesAfter({ at: T, findings: [finding('import_from_1c', 8)] }, { at: T + 5 * MIN, findings: [] });
    const before = states.get('synclog:burst:import_from_1c')!;
    const again = ruleTransitions(burst!, [finding('import_from_1c', 7)], states, T + 29 * MIN, WEBHOOKS);
    expect(again.events.map((e) => e.state)).toEqual(['firing']);
    const state = again.changed.get('synclog:burst:import_from_1c')!;
    expect(state).toMatchObject({ suppressed: true, fired_notified_at: at(T), started_at: at(T + 29 * MIN) });
    expect(state.outbox).toEqual(before.outbox);
    expect(again.notes).toEqual([
      'alerts: synclog:burst:import_from_1c fires again within its 30 min throttle: recorded, not notified',
    ]);
    const quiet = ruleTransitions(burst!, [], new Map([[state.dedup_key, state]]), T + 35 * MIN, WEBHOOKS);
    expect(quiet.events.map((e) => e.state)).toEqual(['resolved']);
    expect(quiet.changed.get(state.dedup_key)!.outbox).toEqual(before.outbox);
  });

  it('notifies a new episode again once the throttle since the last notified firing has passed', () => {
    const states = statesAfter({ at: T, findings: [finding('import_from_1c', 8)] }, { at: T + 5 * MIN, findings: [] });
    const { changed } = ruleTransitions(burst!, [finding('import_from_1c', 7)], states, T + 30 * MIN, WEBHOOKS);
    const state = changed.get('synclog:burst:import_from_1c')!;
    expect(state).toMatchObject({ suppressed: false, fired_notified_at: at(T + 30 * MIN) });
    expect(
      state.outbox.filter((d) => d.event.state === 'firing' && d.event.started_at === at(T + 30 * MIN)),
    ).toHaveLength(WEBHOOKS.length);
  });
});
