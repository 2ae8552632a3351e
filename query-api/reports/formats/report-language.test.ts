import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createReader } from '../../reader/reader.ts';
import { STORY_LABELS } from '../../reader/vocabulary-labels.ts';
import { daily, monthly, weekly } from './fixtures/sample-reports.ts';
import { dailyDocument, monthlyDocument, weeklyDocument } from './report-kinds.ts';
import { renderReport } from './render-report.ts';
import { reportHtml } from './report-html.ts';

const ru = createReader('ru', 'UTC', STORY_LABELS);
const en = createReader('en', 'UTC', STORY_LABELS);
/** Russian digit groups are separated by a no-break space. */
const NBSP = '\u00a0';
const tableOf = (doc: ReturnType<typeof dailyDocument>, name: string) => doc.tables.find((t) => t.name === name)!;

describe('report documents in Russian', () => {
  it('labels the story’s operation types and statuses and shows an application’s own codes as they are', () => {
    const doc = dailyDocument(daily, ru);
    const types = tableOf(doc, 'by_operation_type');
    const typeItems = Object.fromEntries(types.rows.map((row, r) => [row[0], types.items![r]]));
    expect(typeItems).toEqual({
      import_from_1c: 'Импорт из 1С',
      export_to_1c: 'Экспорт в 1С',
      sync_changes: 'Синхронизация изменений',
      conflict_resolution: 'Разрешение конфликтов',
      data_validation: 'Валидация данных',
      batch_operation: 'Пакетная операция',
      price_update: 'price_update',
    });
    const statuses = tableOf(doc, 'by_status');
    expect(statuses.rows.map((row, r) => `${row[0]}=${statuses.items![r]}`)).toEqual(
      Object.keys(daily.by_status).map(
        (code) =>
          `${code}=${{ success: 'Успешно', error: 'Ошибка', pending: 'В процессе', skipped: 'Пропущено', warning: 'Предупреждение' }[code] ?? code}`,
      ),
    );
    // Messages are user data: no words chosen for them.
    expect(tableOf(doc, 'top_errors').items).toBeUndefined();
  });

  it('writes periods as ДД.ММ.ГГГГ (months as ММ.ГГГГ) and the week’s days the same way', () => {
    expect(dailyDocument(daily, ru)).toMatchObject({
      period: '2026-11-28',
      period_label: '28.11.2026',
      heading: 'Ежедневная сводка за 28.11.2026',
      covering: 'Часовой пояс Europe/Moscow: с 28.11.2026 00:00:00 по 29.11.2026 00:00:00',
    });
    const week = weeklyDocument(weekly, ru);
    expect(week.period_label).toBe('16.11.2026 – 22.11.2026');
    expect(tableOf(week, 'by_day').items).toEqual(weekly.by_day.map((d) => d.date.split('-').reverse().join('.')));
    expect(tableOf(week, 'comparison').items).toEqual(['Ошибки', 'Доля ошибок', 'Затронутые клиенты']);
    expect(monthlyDocument(monthly, ru).heading).toBe('Ежемесячная активность клиентов за 11.2026');
  });

  it('counts the summary sentence with Russian plural forms: 1 операция, 2 операции, 5 операций, 21 операция', () => {
    const sentence = (operations: number, errors: number) =>
      dailyDocument({ ...daily, operations, by_status: { ...daily.by_status, error: errors }, error_rate: 0.5 }, ru)
        .summary;
    expect(sentence(1, 2)).toBe('1 операция, 2 ошибки, доля ошибок 50,00 %');
    expect(sentence(2, 5)).toBe('2 операции, 5 ошибок, доля ошибок 50,00 %');
    expect(sentence(5, 1)).toBe('5 операций, 1 ошибка, доля ошибок 50,00 %');
    expect(sentence(21, 22)).toBe('21 операция, 22 ошибки, доля ошибок 50,00 %');
    const active = (n: number) => monthlyDocument({ ...monthly, active_customers: n }, ru).summary.split(', ')[0];
    expect([1, 2, 5].map(active)).toEqual(['1 активный клиент', '2 активных клиента', '5 активных клиентов']);
  });
});

describe('report renderings in Russian', () => {
  it('renders HTML in Russian: column names, grouped numbers, decimal commas, мс, and “нет” for an empty table', async () => {
    const html = String((await renderReport(dailyDocument(daily, ru), daily, 'html')).body);
    expect(html).toContain('<html lang="ru">');
    for (const heading of ['Тип операции', 'Операции', 'Ошибки', 'Статус', 'Текст ошибки', 'Количество'])
      expect(html).toContain(`scope="col">${heading}</th>`);
    expect(html).toMatch(/>Импорт из 1С<\/td><td[^>]*>600<\/td>/);
    expect(html).toContain(`>1${NBSP}234</td>`);
    const rate = ((daily.error_rate * 100).toFixed(2) as string).replace('.', ',');
    expect(html).toContain(`>${rate} %</td>`);
    expect(html).toContain(`>4${NBSP}100 мс</td>`);
    const empty = String(
      (await renderReport(monthlyDocument({ ...monthly, repeated_failures: [] }, ru), monthly, 'html')).body,
    );
    expect(empty).toMatch(/data-table="repeated_failures">.*<td[^>]*colspan="2">нет<\/td>/);
  });

  it('gives Russian spreadsheets a `;` CSV with a BOM, Russian headers, decimal commas and the codes beside the words', async () => {
    const weekDown = { ...weekly, change: { errors: -3, error_rate: -0.0125, affected_customers: 0 } };
    const body = String((await renderReport(weeklyDocument(weekDown, ru), weekDown, 'csv', { forReader: true })).body);
    expect(body.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = parse(body, { delimiter: ';', bom: true }) as string[][];
    expect(header).toEqual([
      'Раздел',
      'Строка',
      'Показатель',
      'Значение',
      'Код раздела',
      'Код строки',
      'Код показателя',
    ]);
    const row = (...codes: string[]) => rows.find((r) => r.slice(4).join('|') === codes.join('|'));
    expect(row('report', '', 'period')!.slice(0, 4)).toEqual(['Отчёт', '', 'Период', '16.11.2026 – 22.11.2026']);
    expect(row('summary', '', 'error_rate')!.slice(2, 4)).toEqual(['Доля ошибок', '0,021']);
    expect(row('by_operation_type', 'import_from_1c', 'errors')!.slice(0, 4)).toEqual([
      'Ошибки по типам операций',
      'Импорт из 1С',
      'Ошибки',
      '20',
    ]);
    expect(row('by_operation_type', 'price_update', 'errors')![1]).toBe('price_update');
    // A negative change is a number for the spreadsheet, not a neutralised text.
    expect(row('comparison', 'error_rate', 'change')!.slice(1, 4)).toEqual(['Доля ошибок', 'Изменение', '-0,0125']);
    expect(row('comparison', 'errors', 'change')![3]).toBe('-3');
    expect(row('by_day', '2026-11-18', 'errors')!.slice(1, 4)).toEqual(['18.11.2026', 'Ошибки', '2']);
  });

  it('gives a Russian workbook sheets named by their titles, Russian headers, labels, numbers as numbers and a code column', async () => {
    const workbook = new ExcelJS.Workbook();
    const body = (await renderReport(dailyDocument(daily, ru), daily, 'xlsx', { forReader: true })).body;
    await workbook.xlsx.load(body as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Сводка',
      'По типам операций',
      'По статусам',
      'Частые сообщения об ошибках',
    ]);
    const values = (sheet: string, row: number) =>
      (workbook.getWorksheet(sheet)!.getRow(row).values as unknown[]).slice(1);
    expect(values('Сводка', 1)).toEqual(['Показатель', 'Значение', 'Код']);
    expect(values('Сводка', 7)).toEqual(['Операции', daily.operations, 'operations']);
    expect(values('По типам операций', 1)).toEqual(['Тип операции', 'Операции', 'Ошибки', 'Код']);
    expect(values('По типам операций', 2)).toEqual(['Импорт из 1С', 600, 50, 'import_from_1c']);
    expect(values('По статусам', 7)).toEqual(['on_hold', 4, 'on_hold']);
  });
});

describe('report documents in English', () => {
  it('keep the wording English readers had, with the story’s labels for types and statuses', async () => {
    const doc = dailyDocument(daily, en);
    expect(doc).toMatchObject({ heading: 'Daily summary 2026-11-28', period_label: '2026-11-28' });
    expect(doc.summary).toBe('operations 1,234, errors 100, error rate 8.10 %');
    expect(tableOf(doc, 'by_operation_type').items![0]).toBe('Import from 1C');
    const body = String((await renderReport(doc, daily, 'csv', { forReader: true })).body);
    const [header, ...rows] = parse(body, { bom: true }) as string[][];
    expect(header).toEqual(['Section', 'Item', 'Measure', 'Value', 'Section code', 'Item code', 'Measure code']);
    expect(rows.find((r) => r[5] === 'import_from_1c' && r[6] === 'operations')!.slice(0, 4)).toEqual([
      'By operation type',
      'Import from 1C',
      'operations',
      '600',
    ]);
  });
});

describe('the week’s comparison in HTML', () => {
  it('shows the error-rate row in per cent in every column, and the other rows as counts', () => {
    const rowsOf = (html: string) =>
      [
        ...html
          .split('data-table="comparison"')[1]!
          .split('</table>')[0]!
          .matchAll(/<tr>(.*?)<\/tr>/g),
      ]
        .map((m) => [...m[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1]))
        .filter((cells) => cells.length > 0);
    const html = (reader: typeof ru) => reportHtml(weeklyDocument(weekly, reader));
    const rate = (share: number, locale: 'en' | 'ru') =>
      `${(share * 100).toFixed(2).replace('.', locale === 'ru' ? ',' : '.')} %`;
    const [errorsRow, rateRow] = rowsOf(html(en));
    expect(errorsRow).toEqual(['errors', '21', '10', '11']);
    expect(rateRow).toEqual([
      'error rate',
      rate(weekly.error_rate, 'en'),
      rate(weekly.previous.error_rate, 'en'),
      rate(weekly.change.error_rate, 'en'),
    ]);
    expect(rowsOf(html(ru))[1]!.slice(1)).toEqual([
      rate(weekly.error_rate, 'ru'),
      rate(weekly.previous.error_rate, 'ru'),
      rate(weekly.change.error_rate, 'ru'),
    ]);
  });
});
