import { describe, expect, it } from 'vitest';
import { hashValue, parseKeyRing } from '../../opensearch/privacy/hmac-keys.ts';
import { resolvePolicy } from '../../opensearch/privacy/personal-data-policy.ts';
import { personalDataProtector } from '../../opensearch/privacy/personal-data-protector.ts';
import { documentEntry } from './bulk-entry.ts';
import { rejectionLetter } from './rejection-letter.ts';
import type { Rejection } from './send-bulk.ts';

const keys = parseKeyRing('k1:first-secret-of-at-least-32-characters!');
const strict = personalDataProtector(resolvePolicy('strict'), keys);
const EMAIL = 'ivan@example.ru';

/** A record written to the spool under `keep`, refused by the cluster after a restart under `strict`. */
const rejection: Rejection = {
  entry: documentEntry(
    'synclog-logs-2026.11',
    'e-1',
    { producer_id: 'p-1', producer_seq: 4, message: `to ${EMAIL}`, customer_email: EMAIL },
    0,
  ),
  code: 'mapping',
  status: 400,
  type: 'mapper_parsing_exception',
  reason: `failed to parse field [customer_email]. Preview of field's value: '${EMAIL}'`,
};

describe('the dead letter of a refused record', () => {
  it('keeps the record and the cluster’s reason as the policy writes them', () => {
    const letter = rejectionLetter(rejection, '2026-11-23T10:00:00.000Z', strict);
    expect(JSON.stringify(letter)).not.toContain(EMAIL);
    expect(JSON.parse(letter.raw)).toMatchObject({
      customer_email: hashValue(keys.current, EMAIL),
      message: `to ${hashValue(keys.current, EMAIL)}`,
      pii_key_id: 'k1',
    });
    expect(letter.reason).toBe("failed to parse field [customer_email]. Preview of field's value: '[email]'");
    expect(letter).toMatchObject({ producer_id: 'p-1', producer_seq: 4, event_id: 'e-1' });
  });

  it('keeps both as sent without a policy', () => {
    const letter = rejectionLetter(rejection, '2026-11-23T10:00:00.000Z');
    expect(JSON.parse(letter.raw).customer_email).toBe(EMAIL);
    expect(letter.reason).toBe(rejection.reason);
  });
});
