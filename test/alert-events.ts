import type { AlertEvent } from '../opensearch/alerting/alert-event.ts';

/** A firing error-rate alert as either executor delivers it, at `at`; `change` overrides any field. */
export function firingErrorRate(change: Partial<AlertEvent> = {}, at = new Date().toISOString()): AlertEvent {
  return {
    source: 'synclog',
    rule: 'error-rate',
    kind: 'error_rate',
    state: 'firing',
    severity: 'critical',
    dedup_key: 'synclog:error-rate',
    group: '',
    value: 0.2,
    threshold: 0.05,
    count: 50,
    summary: 'error rate 20.0 %',
    started_at: at,
    at,
    samples: [],
    ...change,
  };
}
