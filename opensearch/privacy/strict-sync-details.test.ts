import { describe, expect, it } from 'vitest';
import { parseKeyRing } from './hmac-keys.ts';
import { resolvePolicy } from './personal-data-policy.ts';
import { MASKED, personalDataProtector } from './personal-data-protector.ts';

const keys = parseKeyRing('k1:first-secret-of-at-least-32-characters!');
const strict = personalDataProtector(resolvePolicy('strict'), keys)!;
const LOCAL_EMAIL = 'ivan.petrov@example.ru';
const REMOTE_NAME = 'Петров Иван Сергеевич';
const ADDRESS = 'г. Москва, ул. Ленина, д. 1';

/** A conflict and an export record's `details` as the customer sync logger writes them. */
function syncRecord(details: Record<string, unknown>): Record<string, unknown> {
  return {
    '@timestamp': '2026-05-01T10:00:00.000Z',
    level: 'warn',
    message: 'Conflict resolution completed',
    operation_type: 'conflict_resolution',
    customer: { id: 'cust-1', name: 'ИП Петров', role: 'customer' },
    details,
    service: { name: 'crm-1c-sync' },
  };
}

describe('the strict policy on the loggers’ conflict and export details', () => {
  it('masks both sides of every conflicting field, one or several, and keeps the field names', () => {
    const out = strict.protectRecord(
      syncRecord({
        conflict_type: 'field_mismatch',
        resolution_strategy: 'manual',
        conflict: {
          field: 'address',
          local_value: ADDRESS,
          remote_value: { city: 'Москва', street: 'Ленина' },
          fields: [
            { field: 'email', local_value: LOCAL_EMAIL, remote_value: 'i.petrov@example.ru' },
            { field: 'full_name', local_value: 'Петров И. С.', remote_value: REMOTE_NAME },
            { field: 'birth_year', local_value: 1980, remote_value: null },
          ],
        },
      }),
    );

    expect(out.details).toEqual({
      conflict_type: 'field_mismatch',
      resolution_strategy: 'manual',
      conflict: {
        field: 'address',
        local_value: MASKED,
        remote_value: MASKED,
        fields: [
          { field: 'email', local_value: MASKED, remote_value: MASKED },
          { field: 'full_name', local_value: MASKED, remote_value: MASKED },
          { field: 'birth_year', local_value: MASKED, remote_value: null },
        ],
      },
    });
  });

  it('masks a conflicting value wherever the record’s text repeats it', () => {
    const out = strict.protectRecord({
      ...syncRecord({ conflict: { fields: [{ field: 'full_name', local_value: 'x', remote_value: REMOTE_NAME }] } }),
      message: `1C has ${REMOTE_NAME} for this customer`,
    });

    expect(out.message).toBe(`1C has ${MASKED} for this customer`);
    expect(JSON.stringify(out)).not.toContain('Петров Иван');
  });

  it('masks the old and new values of every synced change and keeps the changed fields’ names', () => {
    const out = strict.protectRecord(
      syncRecord({
        direction: 'crm_to_1c',
        changes: {
          fields: [
            { name: 'email', from: LOCAL_EMAIL, to: 'new.mail@example.ru' },
            { name: 'legal_address', from: ADDRESS, to: 'г. Тверь, ул. Советская, д. 5' },
          ],
        },
      }),
    );

    expect(out.details).toEqual({
      direction: 'crm_to_1c',
      changes: {
        fields: [
          { name: 'email', from: MASKED, to: MASKED },
          { name: 'legal_address', from: MASKED, to: MASKED },
        ],
      },
    });
  });

  it('masks 1C’s answer to an export and keeps its status code, the exported field names and the format', () => {
    const details = {
      export_destination: 'ut11-main',
      export_format: 'commerceml',
      exported_fields: ['name', 'email', 'phone'],
      onec_response: { status_code: 409, body: `Контрагент ${REMOTE_NAME} (${LOCAL_EMAIL}) уже существует` },
    };
    const out = strict.protectRecord(syncRecord(details));

    expect(out.details).toEqual({ ...details, onec_response: { status_code: 409, body: MASKED } });
  });
});

describe('the strict policy on log calls, and policy files that extend it', () => {
  it('applies the same rules to a log call whose details keys sit at its top, as plain winston calls give them', () => {
    const call = {
      level: 'warn',
      message: 'conflict',
      conflict: { fields: [{ field: 'phone', local_value: '+7 912 345-67-89', remote_value: '89123456780' }] },
      onec_response: { status_code: 500, body: 'Ошибка: ИНН 500100732259 не прошёл проверку' },
    };

    const doc = strict.protectDocument(call) as Record<string, unknown>;

    expect(doc.conflict).toEqual({ fields: [{ field: 'phone', local_value: MASKED, remote_value: MASKED }] });
    expect(doc.onec_response).toEqual({ status_code: 500, body: MASKED });
    expect(call.conflict.fields[0]!.local_value).toBe('+7 912 345-67-89');
  });

  it('lets a policy file keep 1C’s answer while the rest of strict stays', () => {
    const custom = personalDataProtector(
      resolvePolicy({ extends: 'strict', details: { 'onec_response.body': 'keep' } }),
      keys,
    )!;
    const body = `Контрагент ${REMOTE_NAME} уже существует, звонить 8 800 555 35 35`;

    const out = custom.protectRecord(
      syncRecord({ onec_response: { body }, conflict: { field: 'x', local_value: 'секрет', remote_value: 'иное' } }),
    );

    expect(out.details).toEqual({
      onec_response: { body: `Контрагент ${REMOTE_NAME} уже существует, звонить [phone]` },
      conflict: { field: 'x', local_value: MASKED, remote_value: MASKED },
    });
  });
});
