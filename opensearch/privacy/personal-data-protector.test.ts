import { describe, expect, it } from 'vitest';
import { errorFingerprint } from '../record/error-fields.ts';
import { syncLogRecordSchema } from '../record/schema.ts';
import { hashValue, parseKeyRing } from './hmac-keys.ts';
import { resolvePolicy } from './personal-data-policy.ts';
import { MASKED, PersonalDataConfigError, personalDataProtector } from './personal-data-protector.ts';

const keys = parseKeyRing('k2:second-secret-of-at-least-32-characters\nk1:first-secret-of-at-least-32-characters!');
const strict = personalDataProtector(resolvePolicy('strict'), keys)!;
const EMAIL = 'Ivan.Petrov@Example.RU';
const NAME = 'ООО «Ромашка»';
/** The customer's own phone (`details.customer.phone`, masked by its rule), and another one met in text. */
const PHONE = '+7 (912) 345-67-89';
const OTHER_PHONE = '8 800 555 35 35';

/** A stored record as the shipper builds it, before the policy. */
function record(): Record<string, unknown> {
  return {
    '@timestamp': '2026-05-01T10:00:00.000Z',
    ingested_at: '2026-05-01T10:00:00.000Z',
    event_id: '01968a1e-9c00-7000-8000-000000000001',
    producer_id: 'crm-1',
    producer_seq: 0,
    level: 'error',
    message: `Import of customer from 1C failed: ${NAME}`,
    operation_type: 'import_from_1c',
    status: 'error',
    customer: { id: 'cust-10001', name: NAME, role: 'customer' },
    customer_email: EMAIL,
    onec_id: 'ЦБ-000123',
    details: { customer: { email: EMAIL, phone: PHONE }, note: `перезвонить ${PHONE} до 2026-05-02T09:00:00Z` },
    error_message: `SMTP 550 for ${EMAIL} (${NAME}), тел. ${OTHER_PHONE}, запрос 01968a1e-9c00-7000-8000-000000000001 за 812 ms`,
    error_stack: `Error: SMTP 550 for ${EMAIL}\n    at send (mail.ts:12:5)`,
    error_fingerprint: 'stale',
    service: { name: 'crm-1c-sync' },
  };
}

describe('the keep policy', () => {
  it('has no protector, so the record path skips the policy with one branch', () => {
    expect(personalDataProtector(resolvePolicy('keep'), null)).toBeNull();
    expect(personalDataProtector(resolvePolicy({ fields: { onec_id: 'keep' } }), null)).toBeNull();
  });
});

describe('the strict policy on a record', () => {
  const input = record();
  const before = structuredClone(input);
  const out = strict.protectRecord(input);
  const text = JSON.stringify(out);

  it('hashes the e-mail under the current key, over the normalised value', () => {
    expect(out.customer_email).toBe(hashValue(keys.current, 'ivan.petrov@example.ru'));
    expect(out.customer_email).toMatch(/^hmac:k2:[0-9a-f]{64}$/);
    expect(out.pii_key_id).toBe('k2');
  });

  it('masks the name, keeps the 1C id, and leaves the name, e-mail and phone nowhere in the record', () => {
    expect(out.customer).toEqual({ id: 'cust-10001', name: MASKED, role: 'customer' });
    expect(out.onec_id).toBe('ЦБ-000123');
    for (const hidden of [EMAIL, EMAIL.toLowerCase(), NAME, PHONE, OTHER_PHONE, 'Ромашка', '345-67-89'])
      expect(text).not.toContain(hidden);
  });

  it('masks inside message, error text, stack and details, keeping ids, times and durations', () => {
    expect(out.message).toBe(`Import of customer from 1C failed: ${MASKED}`);
    expect(out.error_message).toBe(
      `SMTP 550 for ${out.customer_email as string} (${MASKED}), тел. [phone], запрос 01968a1e-9c00-7000-8000-000000000001 за 812 ms`,
    );
    expect(out.error_stack).toContain('at send (mail.ts:12:5)');
    expect(out.details).toEqual({
      customer: { email: out.customer_email, phone: MASKED },
      // The customer's own phone is replaced as its field is, wherever it appears.
      note: `перезвонить ${MASKED} до 2026-05-02T09:00:00Z`,
    });
  });

  it('computes the error fingerprint from the masked error message', () => {
    expect(out.error_fingerprint).toBe(errorFingerprint(out.error_message as string));
  });

  it('leaves the record it was given unchanged, and stays a valid record', () => {
    expect(input).toEqual(before);
    expect(syncLogRecordSchema.safeParse(out).success).toBe(true);
  });

  it('changes nothing when applied twice', () => {
    expect(strict.protectRecord(out)).toEqual(out);
  });
});

describe('values the record moved aside', () => {
  it('applies the field rules to invalid values, and the patterns to the others', () => {
    const out = strict.protectRecord({
      ...record(),
      invalid: { customer_email: `${'x'.repeat(300)}@example.ru`, status: `call ${OTHER_PHONE}`, customer: NAME },
    });
    expect(out.invalid).toEqual({
      customer_email: hashValue(keys.current, `${'x'.repeat(300)}@example.ru`),
      status: 'call [phone]',
      customer: MASKED,
    });
  });
});

describe('an error before its fields are built', () => {
  it('replaces the record’s own hidden values and the patterns in message and stack', () => {
    const error = { message: `no mailbox ${EMAIL} for ${NAME}`, stack: `Error: ${OTHER_PHONE}`, type: 'SmtpError' };
    expect(strict.protectError(error, record())).toEqual({
      message: `no mailbox ${hashValue(keys.current, EMAIL)} for ${MASKED}`,
      stack: 'Error: [phone]',
      type: 'SmtpError',
    });
  });
});

describe('a log call kept as a dead letter', () => {
  it('protects the call as the application gave it, extra keys and customer fields included', () => {
    const call = {
      level: 'info',
      message: `Импорт ${NAME}`,
      customer: { id: 'c-1', name: NAME, email: EMAIL, phone: PHONE },
      customer_email: EMAIL,
      '@timestamp': '2001-01-01T00:00:00Z',
      comment: `Клиент просил писать на ${EMAIL.toLowerCase()}`,
    };
    const before = structuredClone(call);
    const doc = strict.protectDocument(call) as Record<string, unknown>;
    const text = JSON.stringify(doc);
    for (const hidden of [EMAIL, EMAIL.toLowerCase(), NAME, PHONE]) expect(text).not.toContain(hidden);
    expect(doc.customer_email).toBe(hashValue(keys.current, EMAIL));
    expect(doc.customer).toEqual({ id: 'c-1', name: MASKED, email: doc.customer_email, phone: MASKED });
    expect(doc['@timestamp']).toBe('2001-01-01T00:00:00Z');
    expect(doc.pii_key_id).toBe('k2');
    expect(call).toEqual(before);
  });

  it('protects a cluster’s reason quoting a value', () => {
    expect(strict.protectText(`failed to parse field [x]: preview of value '${EMAIL}'`)).toBe(
      "failed to parse field [x]: preview of value '[email]'",
    );
  });
});

describe('custom policies', () => {
  it('drops fields and details paths, and hashes inside text when asked', () => {
    const protector = personalDataProtector(
      resolvePolicy({
        fields: { customer_email: 'drop', 'customer.name': 'drop', onec_id: 'hash' },
        details: { 'conflict.local_value': 'drop' },
        text: { email: 'hash' },
      }),
      keys,
    )!;
    const out = protector.protectRecord({
      ...record(),
      details: { conflict: { field: 'phone', local_value: PHONE, remote_value: 'x' } },
    });
    expect(out.customer_email).toBeUndefined();
    expect(out.customer).toEqual({ id: 'cust-10001', role: 'customer' });
    expect(out.onec_id).toBe(hashValue(keys.current, 'цб-000123'));
    expect(out.details).toEqual({ conflict: { field: 'phone', remote_value: 'x' } });
    // The e-mail was dropped from its field, so inside text it is removed too.
    expect(out.error_message).not.toContain('Example.RU');
    expect(out.error_stack).not.toContain('Example.RU');
  });

  it('refuses a policy that hashes without a key', () => {
    expect(() => personalDataProtector(resolvePolicy('strict'), null)).toThrow(PersonalDataConfigError);
    expect(() => personalDataProtector(resolvePolicy('strict'), null)).toThrow(/customer_email/);
  });
});

describe('a document with nothing to hide in its text', () => {
  it('is copied before its fields are set, never changed in place', () => {
    // A number is no text, so the text pass changes nothing; the field rule still hashes it.
    const call = { level: 'info', message: 'ok', customer_email: 12345, customer: { id: 'c', name: 'Я' } };
    const doc = strict.protectDocument(call) as Record<string, unknown>;
    expect(call).toEqual({ level: 'info', message: 'ok', customer_email: 12345, customer: { id: 'c', name: 'Я' } });
    expect(doc.customer_email).toBe(hashValue(keys.current, '12345'));
    expect(doc.customer).toEqual({ id: 'c', name: MASKED });
  });
});
