import type { AlertRule } from './alert-rules.ts';
import { dedupKey } from './alert-rules.ts';

const json = (value: string) => JSON.stringify(value);

/** Text for a JSON string literal inside a template (no mustache tags can come from a rule). */
export const literal = (text: string) => json(text).slice(1, -1);

/** The parts of a message template that differ by monitor type: mustache, or literals made with `literal`. */
export interface MessageParts {
  readonly group: string;
  readonly count: string;
  readonly summary: string;
  readonly startedAt: string;
}

/**
 * The message template of a rule: mustache that renders the same alert event JSON the built-in
 * evaluator posts. Every value that can hold user text sits inside a JSON string, where the
 * mustache engine escapes quotes, backslashes and newlines; literals are JSON-encoded here.
 */
export function messageTemplate(rule: AlertRule, state: 'firing' | 'resolved', parts: MessageParts): string {
  const fields = [
    `"source":"opensearch-alerting"`,
    `"rule":${json(rule.name)}`,
    `"kind":${json(rule.kind)}`,
    `"state":"${state}"`,
    `"severity":${json(rule.severity)}`,
    `"dedup_key":"${dedupKey(rule.name, '')}${parts.group ? `:${parts.group}` : ''}"`,
    `"group":"${parts.group}"`,
    `"value":null`,
    `"threshold":${thresholdOf(rule)}`,
    `"count":${parts.count}`,
    `"summary":"${parts.summary}"`,
    `"started_at":"${parts.startedAt}"`,
    `"at":"{{ctx.periodEnd}}"`,
    `"samples":[]`,
  ];
  return `{${fields.join(',')}}`;
}

function thresholdOf(rule: AlertRule): number {
  switch (rule.kind) {
    case 'error_rate':
    case 'error_burst':
      return rule.threshold;
    case 'slow_operations':
      return rule.threshold_ms;
    case 'sla':
      return rule.target;
    case 'critical_records':
    case 'missing_data':
      return 1;
  }
}
