import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';

const client = testClient();
const prefix = uniquePrefix('report-lang-route');
let get: (path: string) => Response | Promise<Response>;

beforeAll(async () => {
  const records = generateRecords({
    seed: 7,
    count: 1_500,
    from: new Date('2026-11-23T00:00:00Z'),
    to: new Date('2026-11-24T00:00:00Z'),
  });
  const config = await seedPrefix(client, prefix, records);
  const app = createApp({
    client,
    names: config.names,
    reportTimeZone: 'UTC',
    tokens: apiTokens([{ role: 'viewer', token: 'viewer-token-0123456789' }]),
  });
  get = (path) => app.request(path, { headers: { Authorization: 'Bearer viewer-token-0123456789' } });
});
afterAll(() => dropPrefix(client, prefix));

describe('GET /reports/… in the language asked for', () => {
  it('gives the same JSON with or without lang, and the CSV of codes when no language is asked', async () => {
    const plain = (await (await get('/reports/daily?date=2026-11-23')).json()) as { operations: number };
    expect(await (await get('/reports/daily?date=2026-11-23&lang=ru')).json()).toEqual(plain);
    expect(plain.operations).toBeGreaterThan(100);
    const csv = await (await get('/reports/daily?date=2026-11-23&format=csv')).text();
    expect(csv.split('\n')[0]).toBe('section,item,measure,value');
  });

  it('with lang=ru gives a Russian CSV (`;`, BOM, codes kept), workbook and page with the JSON’s figures', async () => {
    const data = (await (await get('/reports/daily?date=2026-11-23')).json()) as {
      operations: number;
      by_status: Record<string, number>;
    };
    const csv = await get('/reports/daily?date=2026-11-23&format=csv&lang=ru');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="synclog-daily-2026-11-23.csv"');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // The UTF-8 BOM, by which spreadsheets know the file's Cyrillic is UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const [header, ...rows] = parse(text, { delimiter: ';', bom: true }) as string[][];
    expect(header).toEqual([
      'Раздел',
      'Строка',
      'Показатель',
      'Значение',
      'Код раздела',
      'Код строки',
      'Код показателя',
    ]);
    expect(rows.find((r) => r[4] === 'summary' && r[6] === 'operations')![3]).toBe(String(data.operations));
    expect(rows.find((r) => r[4] === 'by_status' && r[5] === 'error')!.slice(0, 4)).toEqual([
      'По статусам',
      'Ошибка',
      'Операции',
      String(data.by_status.error),
    ]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await (await get('/reports/daily?date=2026-11-23&format=xlsx&lang=ru')).arrayBuffer()) as never,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Сводка',
      'По типам операций',
      'По статусам',
      'Частые сообщения об ошибках',
    ]);

    const html = await (await get('/reports/daily?date=2026-11-23&format=html&lang=ru')).text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<h1 style="font-size:20px;margin:0 0 4px">Ежедневная сводка за 23.11.2026</h1>');
    const english = await (await get('/reports/daily?date=2026-11-23&format=html')).text();
    expect(english).toContain('<h1 style="font-size:20px;margin:0 0 4px">Daily summary 2026-11-23</h1>');
  });

  it('refuses a language it does not speak with a 400 naming lang', async () => {
    const response = await get('/reports/weekly-errors?start=2026-11-23&format=csv&lang=de');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('lang');
  });
});
