import { v7 } from 'uuid';

/**
 * A unique, time-ordered event id (UUIDv7): the document `_id`, assigned once when a record is
 * logged, so a retried write of the same record can never create a second document.
 */
export function newEventId(now: number = Date.now()): string {
  return v7({ msecs: now });
}
