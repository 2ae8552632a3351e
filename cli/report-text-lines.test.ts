import { describe, expect, it } from 'vitest';
import { createReader } from '../query-api/reader/reader.ts';
import { STORY_LABELS } from '../query-api/reader/vocabulary-labels.ts';
import { daily, monthly, weekly } from '../query-api/reports/formats/fixtures/sample-reports.ts';
import { dailyDocument, monthlyDocument, weeklyDocument } from '../query-api/reports/formats/report-kinds.ts';
import { reportTextLines } from './report-text-lines.ts';

const ru = createReader('ru', 'Europe/Moscow', STORY_LABELS);
const en = createReader('en', 'Europe/Moscow', STORY_LABELS);
/** Russian digit groups are separated by a no-break space. */
const NBSP = '\u00a0';
/** The lines of one table: from its title to the next blank line. */
const tableLines = (lines: string[], title: string) => {
  const start = lines.indexOf(`${title}:`);
  expect(start, title).toBeGreaterThan(-1);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
};

describe('a report on the terminal', () => {
  it('words a Russian reader’s report with its heading, plural summary, names, labels and numbers', () => {
    const lines = reportTextLines(dailyDocument(daily, ru));
    expect(lines.slice(0, 3)).toEqual([
      'Ежедневная сводка за 28.11.2026',
      'Часовой пояс Europe/Moscow: с 28.11.2026 00:00:00 по 29.11.2026 00:00:00',
      `1${NBSP}234 операции, 100 ошибок, доля ошибок 8,10 %`,
    ]);
    expect(lines).toContain(`  Операции: 1${NBSP}234`);
    expect(lines).toContain(`  Длительность, 95-й процентиль: 4${NBSP}100 мс`);
    const statuses = tableLines(lines, 'По статусам');
    expect(statuses[0]!.trim().split(/\s{2,}/)).toEqual(['Статус', 'Операции']);
    const rows = Object.fromEntries(statuses.slice(1).map((l) => l.trim().split(/\s{2,}/) as [string, string]));
    // An application's own status has no label: it shows as its code.
    expect(rows).toEqual({
      Успешно: `1${NBSP}100`,
      Ошибка: '100',
      'В процессе': '20',
      Пропущено: '10',
      Предупреждение: '0',
      on_hold: '4',
    });
  });

  it('keeps the English wording of measures and shows labels for the story’s types', () => {
    const lines = reportTextLines(dailyDocument(daily, en));
    expect(lines[0]).toBe('Daily summary 2026-11-28');
    expect(lines).toContain('  operations: 1,234');
    expect(lines).toContain('  error rate: 8.10 %');
    const types = tableLines(lines, 'By operation type');
    expect(types[0]!.trim().split(/\s{2,}/)).toEqual(['operation type', 'operations', 'errors']);
    expect(types[1]!.trim().split(/\s{2,}/)).toEqual(['Import from 1C', '600', '50']);
  });

  it('lines figures up on the right and keeps every row on one line, however long or broken its message', () => {
    const lines = reportTextLines(dailyDocument(daily, en));
    const statuses = tableLines(lines, 'By status');
    expect(new Set(statuses.map((l) => l.length)).size).toBe(1);
    const errors = tableLines(lines, 'Top error messages');
    expect(errors).toHaveLength(1 + daily.top_errors.length);
    expect(errors.join('\n')).toContain('line one line two, with "quotes"');
    for (const row of errors) expect(row.length).toBeLessThanOrEqual(2 + 120 + 2 + 'count'.length);
  });

  it('says a table is empty in the reader’s language', () => {
    const quiet = { ...monthly, repeated_failures: [] };
    expect(tableLines(reportTextLines(monthlyDocument(quiet, ru)), 'Клиенты с повторными ошибками')).toEqual(['  нет']);
    expect(tableLines(reportTextLines(monthlyDocument(quiet, en)), 'Customers with repeated failures')).toEqual([
      '  none',
    ]);
  });
});

describe('the week against the week before, on the terminal', () => {
  it('shows each compared measure in its own unit: the error rate in per cent in every column', () => {
    const lines = tableLines(reportTextLines(weeklyDocument(weekly, ru)), 'Сравнение с прошлой неделей');
    const cells = lines.slice(1).map((l) => l.trim().split(/\s{2,}/));
    const rows = Object.fromEntries(cells.map(([item, ...figures]) => [item, figures]));
    const percent = (rate: number) => `${(rate * 100).toFixed(2).replace('.', ',')} %`;
    expect(rows['Доля ошибок']).toEqual([
      percent(weekly.error_rate),
      percent(weekly.previous.error_rate),
      percent(weekly.change.error_rate),
    ]);
    expect(rows['Ошибки']).toEqual([weekly.errors, weekly.previous.errors, weekly.change.errors].map(String));
  });
});
