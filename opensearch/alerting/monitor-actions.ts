import type { AlertRule } from './alert-rules.ts';

/** Alerting's severities, 1 the highest. */
export const SEVERITY = { critical: '1', warning: '2', info: '3' } as const;

const throttleOf = (rule: AlertRule) =>
  rule.throttle_minutes > 0
    ? { throttle_enabled: true, throttle: { value: rule.throttle_minutes, unit: 'MINUTES' } }
    : { throttle_enabled: false };

/** Renders a trigger's actions for one state and message: one per channel. */
export type RenderActions = (
  state: 'firing' | 'resolved',
  template: string,
  extra?: Record<string, unknown>,
) => Array<Record<string, unknown>>;

/**
 * The actions of a monitor's trigger: one per channel, named `<monitor> <state> <n>`. Only firing
 * is throttled, with the rule's throttle; a resolution always goes out.
 */
export const actionsOf =
  (rule: AlertRule, monitor: string, channelIds: readonly string[]): RenderActions =>
  (state, template, extra = {}) =>
    channelIds.map((id, i) => ({
      name: `${monitor} ${state} ${i + 1}`,
      destination_id: id,
      subject_template: { source: `synclog ${state}: ${rule.name}`, lang: 'mustache' },
      message_template: { source: template, lang: 'mustache' },
      ...(state === 'firing' ? throttleOf(rule) : { throttle_enabled: false }),
      ...extra,
    }));
