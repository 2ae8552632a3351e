import { z } from 'zod';

/**
 * A record OpenSearch (or validation) refused, kept with the reason. The original is stored as a
 * JSON string (`raw`, not indexed) so a record can be kept whatever it contains.
 */
export const deadLetterSchema = z.strictObject({
  '@timestamp': z.iso.datetime({ offset: true }),
  reason: z.string(),
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
