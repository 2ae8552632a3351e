import type { DeadLetter } from '../../opensearch/record/dead-letter.ts';
import { documentOf } from './bulk-entry.ts';
import type { Rejection } from './send-bulk.ts';

const PRODUCER = /"producer_id":("(?:[^"\\]|\\.)*"),"producer_seq":(\d+)/;

/** The dead letter of a record the cluster refused: the closed code, the cluster's words, the whole record. */
export function rejectionLetter(rejection: Rejection, at: string): DeadLetter {
  const document = documentOf(rejection.entry);
  const producer = PRODUCER.exec(document);
  return {
    '@timestamp': at,
    reason: rejection.reason,
    reason_code: rejection.code,
    error_type: rejection.type,
    ...(rejection.status === undefined ? {} : { status: rejection.status }),
    target_index: rejection.entry.index,
    event_id: rejection.entry.id,
    ...(producer ? { producer_id: JSON.parse(producer[1]!) as string, producer_seq: Number(producer[2]) } : {}),
    raw: document,
  };
}
