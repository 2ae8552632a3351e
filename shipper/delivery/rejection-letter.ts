import type { PersonalDataProtector } from '../../opensearch/privacy/personal-data-protector.ts';
import type { DeadLetter } from '../../opensearch/record/dead-letter.ts';
import { documentOf } from './bulk-entry.ts';
import type { Rejection } from './send-bulk.ts';

const PRODUCER = /"producer_id":("(?:[^"\\]|\\.)*"),"producer_seq":(\d+)/;

/**
 * The dead letter of a record the cluster refused: the closed code, the cluster's words, the whole
 * record. Under a personal data policy the record is kept as the policy writes it (a record from
 * a spool written under an older policy included) and the cluster's words, which may quote a
 * value, with the text patterns applied.
 */
export function rejectionLetter(
  rejection: Rejection,
  at: string,
  personalData: PersonalDataProtector | null = null,
): DeadLetter {
  const document = personalData
    ? protectedJson(documentOf(rejection.entry), personalData)
    : documentOf(rejection.entry);
  const producer = PRODUCER.exec(document);
  return {
    '@timestamp': at,
    reason: personalData ? personalData.protectText(rejection.reason) : rejection.reason,
    reason_code: rejection.code,
    error_type: rejection.type,
    ...(rejection.status === undefined ? {} : { status: rejection.status }),
    target_index: rejection.entry.index,
    event_id: rejection.entry.id,
    ...(producer ? { producer_id: JSON.parse(producer[1]!) as string, producer_seq: Number(producer[2]) } : {}),
    raw: document,
  };
}

function protectedJson(document: string, personalData: PersonalDataProtector): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return personalData.protectText(document);
  }
  return JSON.stringify(personalData.protectDocument(parsed));
}
