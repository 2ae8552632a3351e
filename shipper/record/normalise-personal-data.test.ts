import { describe, expect, it } from 'vitest';
import { hashValue, parseKeyRing } from '../../opensearch/privacy/hmac-keys.ts';
import { resolvePolicy } from '../../opensearch/privacy/personal-data-policy.ts';
import { MASKED, personalDataProtector } from '../../opensearch/privacy/personal-data-protector.ts';
import { errorFingerprint } from '../../opensearch/record/error-fields.ts';
import { operationMessage } from '../../opensearch/record/operation-message.ts';
import { passesQuickCheck } from '../../opensearch/record/record-quick-check.ts';
import { syncLogRecordSchema } from '../../opensearch/record/schema.ts';
import { normaliseRecord, type NormaliseContext } from './normalise-record.ts';

const keys = parseKeyRing('k1:first-secret-of-at-least-32-characters!');
const strict = personalDataProtector(resolvePolicy('strict'), keys);
const context = (personalData: NormaliseContext['personalData']): NormaliseContext => ({
  now: Date.parse('2026-11-23T10:00:00.000Z'),
  producerId: 'app-1',
  producerSeq: 3,
  service: { name: 'crm-sync' },
  personalData,
});

const EMAIL = 'Info@Romashka.ru';
const NAME = 'ООО «Ромашка»';
const PHONE = '+7 (912) 345-67-89';

/** A failed import as the customer sync logger logs it. */
const failedImport = () => ({
  level: 'error',
  message: operationMessage('import_from_1c', 'error', NAME),
  operation_type: 'import_from_1c',
  status: 'error',
  operation_id: 'op-1',
  customer: { id: 'c-42', name: NAME, role: 'customer', phone: PHONE },
  customer_email: EMAIL,
  onec_id: 'ЦБ-000042',
  error: new Error(
    `mailbox ${EMAIL} refused, ${EMAIL.toLowerCase()} too; call ${PHONE} or 8 800 555 35 35 (ЦБ-000042, 2026-11-23T09:59:58Z)`,
  ),
});

const HIDDEN = [EMAIL, EMAIL.toLowerCase(), NAME, PHONE];

describe('a record under the strict policy', () => {
  const result = normaliseRecord(failedImport(), context(strict));
  if (!result.ok) throw new Error(result.reason);
  const { record } = result;

  it('holds no clear e-mail, name or phone anywhere', () => {
    const text = JSON.stringify(record);
    for (const hidden of HIDDEN) expect(text).not.toContain(hidden);
    expect(record.customer_email).toBe(hashValue(keys.current, EMAIL));
    expect(record.customer?.name).toBe(MASKED);
    expect(record.onec_id).toBe('ЦБ-000042');
    expect(record.details).toEqual({ customer: { phone: MASKED } });
  });

  it('has its error fingerprint computed from the masked error message', () => {
    // The record's own e-mail and phone as their fields are written; others by the text patterns.
    expect(record.error_message).toBe(
      `mailbox ${hashValue(keys.current, EMAIL)} refused, [email] too; call ${MASKED} or [phone] (ЦБ-000042, 2026-11-23T09:59:58Z)`,
    );
    expect(record.error_fingerprint).toBe(errorFingerprint(record.error_message!));
    expect(record.error_fingerprint).not.toContain('info');
  });

  it('passes the quick check as it is, and the schema', () => {
    expect(passesQuickCheck({ ...record })).toBe(true);
    expect(syncLogRecordSchema.safeParse(record).success).toBe(true);
    expect(record.pii_key_id).toBe('k1');
  });
});

describe('what the record path moved aside', () => {
  it('is protected too: a value the schema refused and the record repaired keeps no clear e-mail', () => {
    const result = normaliseRecord(
      { ...failedImport(), customer_email: [EMAIL], customer: { id: 'c-42', name: NAME, role: 7 } },
      context(strict),
    );
    if (!result.ok) throw new Error(result.reason);
    const text = JSON.stringify(result.record);
    for (const hidden of HIDDEN) expect(text).not.toContain(hidden);
    expect(result.record.invalid).toMatchObject({ customer_email: hashValue(keys.current, JSON.stringify([EMAIL])) });
    expect(syncLogRecordSchema.safeParse(result.record).success).toBe(true);
  });
});

describe('a log call refused at the call', () => {
  it('keeps the call as the policy writes it in the dead letter’s raw', () => {
    const result = normaliseRecord({ ...failedImport(), '@timestamp': '2001-01-01T00:00:00Z' }, context(strict));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('event_time_expired');
    for (const hidden of HIDDEN) expect(result.raw).not.toContain(hidden);
    expect(JSON.parse(result.raw)).toMatchObject({
      customer_email: hashValue(keys.current, EMAIL),
      customer: { id: 'c-42', name: MASKED, phone: MASKED },
      onec_id: 'ЦБ-000042',
    });
  });
});

describe('the keep policy', () => {
  it('stores the call exactly as without a policy', () => {
    const info = failedImport();
    const plain = normaliseRecord(info, context(undefined));
    const kept = normaliseRecord(info, context(null));
    if (!plain.ok || !kept.ok) throw new Error('refused');
    expect({ ...kept.record, event_id: '' }).toEqual({ ...plain.record, event_id: '' });
    expect(kept.record.customer_email).toBe(EMAIL);
  });
});
