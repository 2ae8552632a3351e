import type { IndexBody } from './ensure-index.ts';

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;
const stored = { type: 'object', enabled: false } as const;

/** The built-in evaluator's state: one document per alert (`_id` its dedup key). */
export const alertStateIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      dedup_key: keyword,
      rule: keyword,
      group: keyword,
      state: keyword,
      started_at: date,
      resolved_at: date,
      evaluated_at: date,
      fired_notified_at: date,
      suppressed: { type: 'boolean' },
      last: stored,
      /** Webhook deliveries still to make, with their attempts and next try. */
      outbox: stored,
      failed_deliveries: stored,
    },
  },
};

const alertFields = {
  source: keyword,
  rule: keyword,
  kind: keyword,
  state: keyword,
  severity: keyword,
  dedup_key: keyword,
  group: keyword,
  value: { type: 'double' },
  threshold: { type: 'double' },
  count: { type: 'long' },
  summary: { type: 'text' },
  started_at: date,
  at: date,
  samples: stored,
} as const;

/** Alerts as received from either executor: one document per alert (`_id` its dedup key), with its latest event and acknowledgement. */
export const alertsIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      ...alertFields,
      first_at: date,
      events: { type: 'integer' },
      acknowledged: { properties: { by: keyword, at: date, comment: { type: 'text' } } },
    },
  },
};

/** Every received alert event, appended (`_id` the event id, so a redelivery is not a second event). */
export const alertEventsIndexBody: IndexBody = {
  mappings: { dynamic: 'strict', properties: { ...alertFields, received_at: date } },
};
