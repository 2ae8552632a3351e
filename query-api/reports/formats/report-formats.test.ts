import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HOSTILE, daily, monthly, weekly } from './fixtures/sample-reports.ts';
import { REPORT_CSV_HEADER } from './report-csv.ts';
import type { ReportDocument } from './report-document.ts';
import { dailyDocument, monthlyDocument, weeklyDocument } from './report-kinds.ts';
import { renderReport } from './render-report.ts';

const docs: Array<[string, ReportDocument, unknown]> = [
  ['daily', dailyDocument(daily), daily],
  ['weekly', weeklyDocument(weekly), weekly],
  ['monthly', monthlyDocument(monthly), monthly],
];

type CsvRow = Record<(typeof REPORT_CSV_HEADER)[number], string>;
const csvRows = async (doc: ReportDocument, data: unknown) =>
  parse(String((await renderReport(doc, data, 'csv')).body), { columns: true }) as CsvRow[];
const unneutralised = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

describe('report formats: CSV', () => {
  it.each(docs)(
    'the %s report as CSV parses to one row per figure, every figure equal to the report',
    async (_kind, doc, data) => {
      const rows = await csvRows(doc, data);
      const expectedRows =
        5 + doc.headline.length + doc.tables.reduce((n, t) => n + t.rows.length * (t.columns.length - 1), 0);
      expect(rows).toHaveLength(expectedRows);
      expect(rows.find((r) => r.measure === 'period')!.value).toBe(doc.period);
      for (const [measure, value] of doc.headline)
        expect(rows.find((r) => r.section === 'summary' && r.measure === measure)!.value, measure).toBe(String(value));
      for (const table of doc.tables) {
        for (const row of table.rows) {
          for (let i = 1; i < table.columns.length; i++) {
            const found = rows.filter(
              (r) =>
                r.section === table.name && unneutralised(r.item) === String(row[0]) && r.measure === table.columns[i],
            );
            expect(
              found.map((r) => unneutralised(r.value)),
              `${table.name} ${row[0]} ${table.columns[i]}`,
            ).toEqual([String(row[i])]);
          }
        }
      }
    },
  );

  it("shows an application's own operation types and statuses beside the story's, zeros included, and the flagged count", async () => {
    const rows = await csvRows(dailyDocument(daily), daily);
    const cell = (section: string, item: string, measure: string) =>
      rows.find((r) => r.section === section && r.item === item && r.measure === measure)?.value;
    expect(cell('by_operation_type', 'price_update', 'operations')).toBe('4');
    expect(cell('by_operation_type', 'price_update', 'errors')).toBe('0');
    expect(cell('by_operation_type', 'batch_operation', 'operations')).toBe('0');
    expect(cell('by_status', 'on_hold', 'operations')).toBe('4');
    expect(cell('by_status', 'warning', 'operations')).toBe('0');
    expect(cell('summary', '', 'flagged')).toBe('17');
    const weekRows = await csvRows(weeklyDocument(weekly), weekly);
    expect(weekRows.find((r) => r.section === 'by_operation_type' && r.item === 'price_update')?.value).toBe('1');
    expect(weekRows.find((r) => r.section === 'summary' && r.measure === 'flagged')?.value).toBe('3');
    expect(
      (await csvRows(monthlyDocument(monthly), monthly)).find((r) => r.section === 'summary' && r.measure === 'flagged')
        ?.value,
    ).toBe('2');
    const html = String((await renderReport(dailyDocument(daily), daily, 'html')).body);
    expect(html).toContain(
      '<td style="padding:4px 10px;border-bottom:1px solid #ddd;vertical-align:top">price_update</td>',
    );
    expect(html).toContain('>on_hold</td>');
    expect(html).toMatch(/>flagged<\/th><td[^>]*>17<\/td>/);
  });

  it('neutralises CSV cells a spreadsheet would run as formulas, and keeps commas, quotes and newlines', async () => {
    const rows = await csvRows(dailyDocument(daily), daily);
    const items = rows.filter((r) => r.section === 'top_errors').map((r) => r.item);
    expect(items).toContain(`'${HOSTILE[0]}`);
    expect(items).toContain(HOSTILE[2]);
    expect(rows.every((r) => Object.values(r).every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);
    // A customer id that looks like a phone number keeps its digits behind the apostrophe.
    const monthRows = await csvRows(monthlyDocument(monthly), monthly);
    expect(monthRows.find((r) => r.section === 'top_customers')!.item).toBe("'+79001234567");
  });
});

describe('report formats: XLSX, HTML and JSON', () => {
  it.each(docs)(
    'the %s report as XLSX has a summary sheet and a sheet per table with every figure',
    async (_kind, doc, data) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await renderReport(doc, data, 'xlsx')).body as never);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['summary', ...doc.tables.map((t) => t.name)]);
      const summary = new Map<string, unknown>();
      workbook
        .getWorksheet('summary')!
        .eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
      for (const [measure, value] of doc.headline) expect(summary.get(measure), measure).toBe(value);
      for (const table of doc.tables) {
        const sheet = workbook.getWorksheet(table.name)!;
        expect(sheet.rowCount, table.name).toBe(table.rows.length + 1);
        expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.columns);
        table.rows.forEach((row, r) => {
          const cells = (sheet.getRow(r + 2).values as unknown[]).slice(1);
          row.forEach((value, i) => {
            if (typeof value === 'number') expect(cells[i], `${table.name} ${r} ${i}`).toBe(value);
            else
              expect(unneutralised(String(cells[i])).startsWith(value.slice(0, 100)), `${table.name} ${r} ${i}`).toBe(
                true,
              );
          });
        });
      }
    },
  );

  it('cuts an XLSX cell over 32,767 characters and marks it as cut', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderReport(dailyDocument(daily), daily, 'xlsx')).body as never);
    const messages = Array.from(workbook.getWorksheet('top_errors')!.getColumn(1).values as unknown[], String);
    const long = messages.find((m) => m.startsWith('long '))!;
    expect(long.length).toBe(32_767);
    expect(long.endsWith('…[truncated]')).toBe(true);
  });

  it('escapes every value in the HTML rendering and shows rates in per cent', async () => {
    const html = String((await renderReport(dailyDocument(daily), daily, 'html')).body);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('8.10 %');
    expect(html).toContain('1,234');
    expect(html).toContain('4,100 ms');
  });

  it('gives JSON as the computed report itself, and names files after the report and its period', async () => {
    const json = await renderReport(dailyDocument(daily), daily, 'json');
    expect(JSON.parse(String(json.body))).toEqual(daily);
    expect(json.filename).toBe('synclog-daily-2026-11-28.json');
    expect((await renderReport(weeklyDocument(weekly), weekly, 'csv')).filename).toBe(
      'synclog-weekly-2026-11-16_2026-11-22.csv',
    );
  });
});
