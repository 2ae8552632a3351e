import { describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { createReader } from '../reader/reader.ts';
import { STORY_LABELS } from '../reader/vocabulary-labels.ts';
import { recordFields } from './record-fields.ts';

const [generated] = generateRecords({
  seed: 3,
  count: 1,
  from: new Date('2026-11-01T00:00:00Z'),
  to: new Date('2026-11-02T00:00:00Z'),
}) as [SyncLogRecord];

/** The definition list as pairs of term and value text. */
async function fieldsOf(record: SyncLogRecord, locale: 'en' | 'ru') {
  const text = String(await recordFields(record, createReader(locale, 'UTC', STORY_LABELS)));
  return Object.fromEntries(
    [...text.matchAll(/<dt>([^<]*)<\/dt>\s*<dd data-field="([^"]*)"[^>]*>([^<]*)<\/dd>/g)].map((m) => [m[1], m[3]]),
  );
}

describe('a record’s fields on its page', () => {
  it('show what an import recorded, named in the reader’s language, with the application’s codes as they are', async () => {
    const imported: SyncLogRecord = {
      ...generated,
      operation_type: 'import_from_1c',
      status: 'success',
      customer_type: 'legal',
      created_new: true,
      import_source: '1c_http',
      assigned_role: 'dealer',
    };
    expect(await fieldsOf(imported, 'ru')).toMatchObject({
      операция: 'Импорт из 1С',
      'тип клиента': 'legal',
      'создан новый': 'да',
      'источник импорта': '1c_http',
      'назначенная роль': 'dealer',
    });
    expect(await fieldsOf(imported, 'en')).toMatchObject({ 'import source': '1c_http', 'created new': 'yes' });
  });

  it('show a conflict’s strategy and method, and leave out what the record does not hold', async () => {
    const conflict: SyncLogRecord = {
      ...generated,
      operation_type: 'conflict_resolution',
      conflict_type: 'field_mismatch',
      resolution_strategy: '1c_wins',
      resolution_method: 'automatic',
      created_new: undefined,
      import_source: undefined,
    };
    const fields = await fieldsOf(conflict, 'ru');
    expect(fields).toMatchObject({
      'тип конфликта': 'field_mismatch',
      'стратегия разрешения': '1c_wins',
      'способ разрешения': 'automatic',
    });
    expect(fields['источник импорта']).toBeUndefined();
    expect(fields['создан новый']).toBeUndefined();
  });
});
