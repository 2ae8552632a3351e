import { describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { createReader } from '../reader/reader.ts';
import { STORY_LABELS } from '../reader/vocabulary-labels.ts';
import { EXPORT_HEADER, exportRow } from './export-columns.ts';
import { labelledLayout } from './labelled-columns.ts';

const [generated] = generateRecords({
  seed: 9,
  count: 1,
  from: new Date('2026-11-01T00:00:00Z'),
  to: new Date('2026-11-02T00:00:00Z'),
}) as [SyncLogRecord];
const record: SyncLogRecord = {
  ...generated,
  '@timestamp': '2026-12-04T22:30:15.123Z',
  operation_type: 'import_from_1c',
  status: 'error',
  customer: { id: 'c-1', name: 'ООО «Ромашка»' },
  manual_review_required: true,
  // Stored durations are whole milliseconds; a fraction shows the decimal mark the reader's spreadsheet wants.
  duration_ms: 1234.5,
};
const ru = createReader('ru', 'Europe/Moscow', STORY_LABELS);
const cellsOf = (layout: ReturnType<typeof labelledLayout>, r: SyncLogRecord) =>
  Object.fromEntries(layout.header.map((name, i) => [name, layout.row(r)[i]]));

describe('a file for a reader', () => {
  it('heads Russian columns in Russian, labels type and status and keeps their codes and the UTC instant', () => {
    const cells = cellsOf(labelledLayout(ru, 'csv'), record);
    expect(cells).toMatchObject({
      'Время (Europe/Moscow)': '05.12.2026 01:30:15',
      'Время UTC (ISO 8601)': '2026-12-04T22:30:15.123Z',
      'Тип операции': 'Импорт из 1С',
      'Код типа операции': 'import_from_1c',
      Статус: 'Ошибка',
      'Код статуса': 'error',
      Клиент: 'ООО «Ромашка»',
      'Требуется ручная проверка': 'Да',
      'Длительность, мс': '1234,5',
    });
  });

  it('shows an application’s own code as itself, and neutralises a label a spreadsheet would run', () => {
    const labels = { ...STORY_LABELS, status: [{ code: 'odd', en: '=odd', ru: '=странно' }] };
    const cells = cellsOf(labelledLayout(createReader('ru', 'UTC', labels), 'csv'), {
      ...record,
      operation_type: 'price_update',
      status: 'odd',
      manual_review_required: false,
    });
    expect(cells['Тип операции']).toBe('price_update');
    expect(cells['Статус']).toBe("'=странно");
    expect(cells['Требуется ручная проверка']).toBe('Нет');
  });

  it('gives XLSX typed cells: the reader’s wall clock as a date, numbers as numbers', () => {
    const cells = cellsOf(labelledLayout(ru, 'xlsx'), record);
    // Moscow is UTC+3 all year: the date cell holds 01:30:15 on the 5th.
    expect(cells['Время (Europe/Moscow)']).toEqual(new Date('2026-12-05T01:30:15Z'));
    expect(cells['Длительность, мс']).toBe(1234.5);
  });

  it('writes English headers, labels and ISO-ordered local times for an English reader', () => {
    const layout = labelledLayout(createReader('en', 'America/New_York', STORY_LABELS), 'csv');
    const cells = cellsOf(layout, { ...record, manual_review_required: undefined });
    expect(cells).toMatchObject({
      'Time (America/New_York)': '2026-12-04 17:30:15',
      'Operation type': 'Import from 1C',
      'Operation type code': 'import_from_1c',
      Status: 'Error',
      'Duration, ms': '1234.5',
      'Manual review required': '',
    });
    expect(new Set(layout.header).size).toBe(layout.header.length);
  });
});

describe('the story’s typed fields in exports', () => {
  it('are columns of both files: codes as stored for scripts, headed in Russian with Да/Нет for people', () => {
    const imported: SyncLogRecord = {
      ...record,
      customer_type: 'legal',
      created_new: false,
      import_source: '1c_http',
      assigned_role: 'dealer',
    };
    const machine = Object.fromEntries(EXPORT_HEADER.map((name, i) => [name, exportRow(imported)[i]]));
    expect(machine).toMatchObject({ customer_type: 'legal', created_new: false, import_source: '1c_http' });
    expect(machine.export_format).toBe('');
    const cells = cellsOf(labelledLayout(ru, 'csv'), imported);
    expect(cells).toMatchObject({
      'Тип клиента': 'legal',
      'Создан новый': 'Нет',
      'Источник импорта': '1c_http',
      'Назначенная роль': 'dealer',
      'Формат выгрузки': '',
    });
  });
});
