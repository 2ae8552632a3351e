import { z } from 'zod';

/**
 * Why a record was dead-lettered: a closed set, used as the metric label and the filter of
 * `synclog dead-letter`. The cluster's own words stay in `reason` and `error_type`.
 * - `validation`: the record could not be made into a storable record at all
 * - `event_time_expired`: its event time is older than the lifecycle's delete horizon
 * - `mapping`: the index mapping refused a value (a mapping conflict)
 * - `index_refused`: the cluster refused to create its period's index
 * - `index_closed`: its period's index is closed
 * - `read_only`: its period's index is write-blocked (cold); replayable once writable
 * - `no_shard_headroom`: creating its period's index would take the cluster's last shards
 * - `too_large`: the record alone exceeds the request size the cluster accepts
 * - `refused`: any other refusal of the cluster for this record
 */
export const DEAD_LETTER_REASONS = [
  'validation',
  'event_time_expired',
  'mapping',
  'index_refused',
  'index_closed',
  'read_only',
  'no_shard_headroom',
  'too_large',
  'refused',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

/**
 * A record OpenSearch (or validation) refused, kept with the reason. The original is stored as a
 * JSON string (`raw`, not indexed) so a record can be kept whatever it contains.
 */
export const deadLetterSchema = z.strictObject({
  '@timestamp': z.iso.datetime({ offset: true }),
  reason: z.string(),
  /** The closed reason code (absent on dead letters written before codes existed). */
  reason_code: z.enum(DEAD_LETTER_REASONS).optional(),
  /** `validation`, or OpenSearch's error type such as `mapper_parsing_exception`. */
  error_type: z.string(),
  status: z.number().int().optional(),
  target_index: z.string().optional(),
  event_id: z.string().optional(),
  producer_id: z.string().optional(),
  producer_seq: z.number().int().optional(),
  raw: z.string(),
  /** Set once `synclog dead-letter replay` delivered the record; a later replay skips it. */
  replayed_at: z.iso.datetime({ offset: true }).optional(),
  /** `created`, or `already_present` when the record had been delivered before. */
  replay_result: z.enum(['created', 'already_present']).optional(),
});

export type DeadLetter = z.infer<typeof deadLetterSchema>;

export function deadLetterMapping() {
  return {
    dynamic: 'strict',
    properties: {
      '@timestamp': { type: 'date' },
      reason: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 1024 } } },
      reason_code: { type: 'keyword' },
      error_type: { type: 'keyword' },
      status: { type: 'integer' },
      target_index: { type: 'keyword' },
      event_id: { type: 'keyword' },
      producer_id: { type: 'keyword' },
      producer_seq: { type: 'long' },
      raw: { type: 'text', index: false },
      replayed_at: { type: 'date' },
      replay_result: { type: 'keyword' },
    },
  } as const;
}
