import { Counter, Gauge, type Registry } from 'prom-client';
import type { AlertEvaluatorMetrics } from '../../opensearch/alerting/alert-evaluator.ts';

/** The evaluator's metrics in the service's registry. */
export function createAlertMetrics(registry: Registry): AlertEvaluatorMetrics {
  const firing = new Gauge({
    name: 'synclog_alerts_firing',
    help: 'Alerts firing now, per rule (built-in evaluator)',
    labelNames: ['rule'],
    registers: [registry],
  });
  const notifications = new Counter({
    name: 'synclog_alert_notifications_total',
    help: 'Webhook deliveries of alert events, by outcome (delivered, retrying, failed)',
    labelNames: ['rule', 'state', 'outcome'],
    registers: [registry],
  });
  return {
    firing: (rule, count) => firing.set({ rule }, count),
    notified: (rule, state, outcome) => notifications.inc({ rule, state, outcome }),
  };
}
