import { z } from 'zod';
import { LEVELS, LIMITS } from './vocabulary.ts';

/**
 * Every field of a stored sync log record, defined once: its zod type and its OpenSearch mapping
 * sit side by side, and both the record schema and the index mapping are built from this table.
 */

export type MappingProperty = Record<string, unknown>;

export interface Field<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly mapping: MappingProperty;
}

const field = <S extends z.ZodType>(schema: S, mapping: MappingProperty): Field<S> => ({ schema, mapping });

type Shape<F extends Record<string, Field>> = { [K in keyof F]: F[K]['schema'] };

function objectField<F extends Record<string, Field>>(fields: F) {
  const shape = Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.schema])) as Shape<F>;
  const properties = Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.mapping]));
  return { schema: z.strictObject(shape), mapping: { properties } };
}

const timestamp = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(LIMITS.idChars);
const keyword = { type: 'keyword', ignore_above: LIMITS.idChars } as const;
const date = { type: 'date', format: 'strict_date_optional_time||epoch_millis' } as const;

const customer = objectField({
  id: field(id, keyword),
  name: field(z.string().max(LIMITS.idChars).optional(), {
    type: 'text',
    fields: { keyword: { type: 'keyword', ignore_above: LIMITS.idChars } },
  }),
  role: field(id.optional(), keyword),
});

const service = objectField({
  name: field(id, keyword),
  environment: field(id.optional(), keyword),
  version: field(id.optional(), keyword),
});

export const recordFields = {
  '@timestamp': field(timestamp, date),
  ingested_at: field(timestamp, date),
  event_id: field(z.uuid(), { type: 'keyword' }),
  producer_id: field(id, keyword),
  producer_seq: field(z.number().int().nonnegative(), { type: 'long' }),
  /** SHA-256 of the producer's previous record (`opensearch/integrity/record-hash.ts`): the tamper-evident chain. */
  chain_prev: field(
    z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    { type: 'keyword' },
  ),

  level: field(z.enum(LEVELS), { type: 'keyword' }),
  category: field(id.optional(), keyword),
  message: field(z.string().max(LIMITS.messageChars), { type: 'text' }),

  operation_id: field(id.optional(), keyword),
  /** Open vocabularies: the shipper flags a value outside the declared list instead of storing it here. */
  operation_type: field(id.optional(), keyword),
  status: field(id.optional(), keyword),
  /**
   * What reports count operations by: `operation_id`, or the record's own `event_id` when an
   * operation record (type and status) carries no id, so every logged operation counts once.
   */
  operation_key: field(id.optional(), keyword),

  customer: { schema: customer.schema.nullable().optional(), mapping: customer.mapping },
  customer_email: field(z.string().max(LIMITS.idChars).optional(), {
    type: 'keyword',
    normalizer: 'synclog_lowercase',
    ignore_above: LIMITS.idChars,
  }),
  onec_id: field(id.optional(), keyword),
  /** The id of the key that hashed this record's personal data (`opensearch/privacy/`): `hmac:<key id>:<hex>` values. */
  pii_key_id: field(id.optional(), keyword),

  customer_type: field(id.optional(), keyword),
  created_new: field(z.boolean().optional(), { type: 'boolean' }),
  conflict_type: field(id.optional(), keyword),
  manual_review_required: field(z.boolean().optional(), { type: 'boolean' }),
  // The story's inputs administrators filter and count by, lifted from `details` like the four above.
  /** Where an import came from: `1c_http`, `1c_file`, `exchange_plan`… */
  import_source: field(id.optional(), keyword),
  /** The role the import gave the customer on the platform (`customer.role` is the role the record saw). */
  assigned_role: field(id.optional(), keyword),
  /** The 1C base or endpoint an export went to. */
  export_destination: field(id.optional(), keyword),
  /** `xml`, `json`, `commerceml`… */
  export_format: field(id.optional(), keyword),
  /** How a conflict was settled: `crm_wins`, `1c_wins`, `merge`, `manual`… */
  resolution_strategy: field(id.optional(), keyword),
  /** Who settled it: `automatic`, `manual`… */
  resolution_method: field(id.optional(), keyword),

  details: field(z.record(z.string(), z.unknown()).optional(), { type: 'flat_object' }),

  error_message: field(z.string().max(LIMITS.errorMessageChars).optional(), {
    type: 'text',
    fields: { keyword: { type: 'keyword', ignore_above: LIMITS.errorMessageKeywordChars } },
  }),
  error_message_length: field(z.number().int().nonnegative().optional(), { type: 'integer' }),
  error_type: field(id.optional(), keyword),
  error_stack: field(z.string().max(LIMITS.errorStackChars).optional(), { type: 'text', index: false }),
  error_fingerprint: field(z.string().max(LIMITS.fingerprintChars).optional(), { type: 'keyword' }),
  duration_ms: field(z.number().int().nonnegative().optional(), { type: 'long' }),

  correlation_id: field(id.optional(), keyword),
  trace_id: field(id.optional(), keyword),
  span_id: field(id.optional(), keyword),
  service: { schema: service.schema, mapping: service.mapping },

  /** The event time as given, when it could not be used (unreadable, or in the future): `@timestamp` is then the arrival time. */
  event_time_raw: field(z.string().max(LIMITS.rawValueChars).optional(), {
    type: 'keyword',
    ignore_above: LIMITS.rawValueChars,
  }),
  /** Why the record is flagged: codes such as `event_time_future`, `status_unknown`, `duration_ms_invalid`. */
  validation_issues: field(z.array(z.string().min(1).max(LIMITS.idChars)).min(1).optional(), keyword),
  /** The raw values (as text) that were left out of their typed fields, by field name. */
  invalid: field(z.record(z.string(), z.string().max(LIMITS.rawValueChars)).optional(), { type: 'flat_object' }),
} as const satisfies Record<string, Field>;

export type RecordFieldName = keyof typeof recordFields;
