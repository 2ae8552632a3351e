import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { OPERATION_TYPE_LABELS, STATUS_LABELS } from '../../opensearch/record/vocabulary.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';

const client = testClient();
const prefix = uniquePrefix('export-lang');
const ANALYST = 'analyst-token-lang-0123456789';
const COUNT = 300;
const records: SyncLogRecord[] = generateRecords({
  seed: 22,
  count: COUNT,
  from: new Date('2026-11-30T18:00:00Z'),
  to: new Date('2026-12-01T06:00:00Z'),
});
const CYRILLIC = ['ООО «Ромашка»', 'Иванов Иван Иванович', 'ИП Сидорова; склад №2'];
CYRILLIC.forEach((name, i) => {
  records[i] = { ...records[i]!, customer: { id: `ru-${i}`, name } };
});
// An application's own operation type, which no label covers.
records[10] = { ...records[10]!, operation_type: 'price_update' };
const byId = new Map(records.map((r) => [r.event_id, r]));
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const config = await seedPrefix(client, prefix, records);
  app = createApp({ client, names: config.names, tokens: apiTokens([{ role: 'analyst', token: ANALYST }]) });
}, 300_000);
afterAll(() => dropPrefix(client, prefix));

const auth = { Authorization: `Bearer ${ANALYST}` };
async function exportOf(path: string) {
  const response = await app.request(path, { headers: auth });
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const id = response.headers.get('x-synclog-export-id')!;
  const manifest = (await (await app.request(`/exports/${id}`, { headers: auth })).json()) as Record<string, unknown>;
  return { bytes, manifest };
}
/** RFC 4180 records split on `;`: quoted fields may hold `;`, line breaks and doubled quotes. */
function parseSemicolonCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') (row.push(field), (field = ''));
    else if (ch === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
const pad = (n: number) => String(n).padStart(2, '0');
/** Moscow keeps UTC+3 all year: the reader's time, computed without the code under test. */
function moscow(iso: string) {
  const d = new Date(Date.parse(iso) + 3 * 3_600_000);
  const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const neutralised = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const labelIn = (entries: ReadonlyArray<{ code: string; ru: string; en: string }>, lang: 'ru' | 'en', code?: string) =>
  code === undefined ? '' : (entries.find((e) => e.code === code)?.[lang] ?? code);

describe('CSV for people who read Russian or English', () => {
  it('a Russian CSV has a BOM, `;` separators, Russian headers, labels beside codes and Moscow times', async () => {
    const { bytes, manifest } = await exportOf('/logs/export.csv?lang=ru&tz=Europe/Moscow');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseSemicolonCsv(bytes.subarray(3).toString('utf8'));
    expect(header!.slice(0, 7)).toEqual([
      'Время (Europe/Moscow)',
      'Время UTC (ISO 8601)',
      'Тип операции',
      'Код типа операции',
      'Статус',
      'Код статуса',
      'Клиент',
    ]);
    expect(rows).toHaveLength(COUNT);
    const at = (row: string[], name: string) => row[header!.indexOf(name)]!;
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      const stored = byId.get(at(row, 'ID записи'))!;
      expect(at(row, 'Код типа операции')).toBe(stored.operation_type ?? '');
      expect(at(row, 'Код статуса')).toBe(stored.status ?? '');
      expect(at(row, 'Тип операции')).toBe(labelIn(OPERATION_TYPE_LABELS, 'ru', stored.operation_type));
      expect(at(row, 'Статус')).toBe(labelIn(STATUS_LABELS, 'ru', stored.status));
      expect(at(row, 'Время UTC (ISO 8601)')).toBe(stored['@timestamp']);
      expect(at(row, 'Время (Europe/Moscow)')).toBe(moscow(stored['@timestamp']));
      expect(at(row, 'Клиент')).toBe(neutralised(stored.customer?.name ?? ''));
      expect(at(row, 'Длительность, мс')).toBe(stored.duration_ms === undefined ? '' : String(stored.duration_ms));
      const review = stored.manual_review_required;
      expect(at(row, 'Требуется ручная проверка')).toBe(review === undefined ? '' : review ? 'Да' : 'Нет');
    }
    const labelOfOwnCode = rows.find((row) => at(row, 'ID записи') === records[10]!.event_id)!;
    expect(at(labelOfOwnCode, 'Тип операции')).toBe('price_update');
    expect(rows.map((row) => at(row, 'Клиент'))).toEqual(expect.arrayContaining(CYRILLIC));
    expect(new Set(rows.map((row) => at(row, 'Статус')))).toContain('Ошибка');
    expect(manifest).toMatchObject({
      status: 'complete',
      row_count: COUNT,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      presentation: { lang: 'ru', time_zone: 'Europe/Moscow', delimiter: 'semicolon' },
    });
  });

  it('an English CSV labels values in English, keeps `,` and UTC, and a separator can be named', async () => {
    const rows = parse((await exportOf('/logs/export.csv?lang=en')).bytes, { columns: true, bom: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toHaveLength(COUNT);
    for (const row of rows) {
      const stored = byId.get(row['Record ID']!)!;
      expect(row['Operation type']).toBe(labelIn(OPERATION_TYPE_LABELS, 'en', stored.operation_type));
      expect(row['Operation type code']).toBe(stored.operation_type ?? '');
      expect(row['Time (UTC)']).toBe(stored['@timestamp'].slice(0, 19).replace('T', ' '));
    }
    const ruComma = parse((await exportOf('/logs/export.csv?lang=ru&delimiter=comma')).bytes, {
      columns: true,
      bom: true,
    }) as Array<Record<string, string>>;
    expect(ruComma.map((row) => row['Клиент'])).toContain('ИП Сидорова; склад №2');
  });
});

describe('exports for scripts', () => {
  it('without lang the file is the machine-readable one scripts already read, and the manifest says nothing new', async () => {
    const { bytes, manifest } = await exportOf('/logs/export.csv');
    const firstLine = bytes.subarray(3, bytes.indexOf(0x0a)).toString('utf8');
    expect(firstLine).toBe(
      'event_id,@timestamp,level,operation_type,status,operation_id,customer_id,customer_name,customer_role,' +
        'customer_email,onec_id,duration_ms,correlation_id,error_type,error_message,message,manual_review_required,' +
        'producer_id,producer_seq,service,validation_issues,event_time_raw,customer_type,created_new,import_source,' +
        'assigned_role,export_destination,export_format,conflict_type,resolution_strategy,resolution_method',
    );
    const rows = parse(bytes, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['@timestamp']).sort()).toEqual(records.map((r) => r['@timestamp']).sort());
    expect(manifest.presentation).toBeUndefined();
  });
});

describe('XLSX for people, and bad presentation parameters', () => {
  it('a Russian XLSX has a Russian sheet and headers, labels, real date cells in the reader’s zone and numbers', async () => {
    const { bytes, manifest } = await exportOf('/logs/export.xlsx?lang=ru&tz=Europe/Moscow');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Записи');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual([
      'Время (Europe/Moscow)',
      'Время UTC (ISO 8601)',
      'Тип операции',
      'Код типа операции',
    ]);
    const column = (name: string) => header.indexOf(name) + 1;
    let checked = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const stored = byId.get(String(row.getCell(column('ID записи')).value))!;
      const local = row.getCell(column('Время (Europe/Moscow)')).value as Date;
      expect(local).toBeInstanceOf(Date);
      expect(local.getTime()).toBe(Math.floor(Date.parse(stored['@timestamp']) / 1000) * 1000 + 3 * 3_600_000);
      expect(row.getCell(column('Тип операции')).value ?? '').toBe(
        labelIn(OPERATION_TYPE_LABELS, 'ru', stored.operation_type),
      );
      const duration = row.getCell(column('Длительность, мс')).value;
      expect(duration).toBe(stored.duration_ms ?? null);
      checked++;
    });
    expect(checked).toBe(COUNT);
    expect(manifest).toMatchObject({ status: 'complete', presentation: { lang: 'ru', time_zone: 'Europe/Moscow' } });
  });

  it('refuses a bad language, separator or time zone with 400 naming the parameter', async () => {
    const fieldOf = async (path: string) => {
      const response = await app.request(path, { headers: auth });
      expect(response.status).toBe(400);
      return ((await response.json()) as { field: string }).field;
    };
    expect(await fieldOf('/logs/export.csv?lang=de')).toBe('lang');
    expect(await fieldOf('/logs/export.csv?delimiter=tab')).toBe('delimiter');
    expect(await fieldOf('/logs/export.csv?lang=ru&tz=Mars/Olympus')).toBe('tz');
    expect(await fieldOf('/logs/export.csv?tz=Europe/Moscow')).toBe('tz');
    expect(await fieldOf('/logs/export.xlsx?lang=ru&delimiter=semicolon')).toBe('delimiter');
  });
});
