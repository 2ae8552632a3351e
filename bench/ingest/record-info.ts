import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { LEVELS } from '../../opensearch/record/vocabulary.ts';

/**
 * Winston levels named like the record's levels (`notice` and `critical` are not npm levels), so
 * both winston contenders can log every record at its own level without routing tricks.
 */
export const RECORD_LEVELS: Readonly<Record<string, number>> = Object.fromEntries(
  LEVELS.map((level, i) => [level, LEVELS.length - 1 - i]),
);

/**
 * The winston `info` an application would log for a stored record: the fields a log call carries,
 * without what the transport adds itself (event id, producer id and sequence, arrival time) and with
 * the error as an object. OpenSearchTransport turns it back into the same document.
 */
export function winstonInfoOf(record: SyncLogRecord): Record<string, unknown> {
  const {
    ingested_at: _ingestedAt,
    event_id: _eventId,
    producer_id: _producerId,
    producer_seq: _producerSeq,
    error_message: message,
    error_message_length: _length,
    error_fingerprint: _fingerprint,
    error_type: type,
    error_stack: stack,
    ...fields
  } = record;
  if (message === undefined) return fields;
  return {
    ...fields,
    error: { message, ...(type === undefined ? {} : { type }), ...(stack === undefined ? {} : { stack }) },
  };
}
