import { z } from 'zod';

const iso = z.iso.datetime({ offset: true });

/**
 * A firing or resolved alert as a webhook carries it, from either executor: synclog's evaluator
 * posts it, and the Alerting monitors' message templates render the same shape.
 */
export const alertEventSchema = z.strictObject({
  source: z.enum(['synclog', 'opensearch-alerting']),
  rule: z.string().min(1).max(64),
  kind: z.string().min(1).max(64),
  state: z.enum(['firing', 'resolved']),
  severity: z.enum(['critical', 'warning', 'info']),
  /** The same for an alert's firing and its resolved event. */
  dedup_key: z.string().min(1).max(600),
  group: z.string().max(256).default(''),
  value: z.number().nullable().default(null),
  threshold: z.number().nullable().default(null),
  count: z.number().int().nonnegative().nullable().default(null),
  summary: z.string().max(4_000),
  /** When the alert started firing. */
  started_at: iso,
  /** When this event happened. */
  at: iso,
  samples: z
    .array(z.strictObject({ event_id: z.string().max(256), message: z.string().max(8_192) }))
    .max(20)
    .default([]),
});

export type AlertEvent = z.infer<typeof alertEventSchema>;

/** A stable id per alert episode and event: a redelivered event is recognised, not counted twice. */
export const alertEventId = (event: Pick<AlertEvent, 'dedup_key' | 'state' | 'started_at'>) =>
  `${event.dedup_key}|${event.state}|${event.started_at}`;
