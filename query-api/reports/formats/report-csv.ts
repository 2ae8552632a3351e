import { stringify } from 'csv-stringify/sync';
import { formatDateTime } from '../../../opensearch/i18n/date-format.ts';
import { spreadsheetNumber } from '../../../opensearch/i18n/number-format.ts';
import { translator } from '../../../opensearch/i18n/translator.ts';
import { neutralise } from '../../export/export-columns.ts';
import { itemOf, nameOf, type Cell, type ReportDocument } from './report-document.ts';
import { REPORT_TEXT } from './report-text.ts';

export const REPORT_CSV_HEADER = ['section', 'item', 'measure', 'value'] as const;

/** One figure of a report: where it sits, by code and in the document's words, and its value. */
interface Figure {
  readonly codes: readonly [section: string, item: string, measure: string];
  readonly words: readonly [section: string, item: string, measure: string];
  readonly value: Cell;
  /** The value as the reader reads it, where it differs from `value` (the report's facts). */
  readonly shown?: string;
}

/** What the report covers, the headline figures, then every table cell: the rows of both CSV forms. */
function figures(doc: ReportDocument): Figure[] {
  const t = translator(REPORT_TEXT, doc.locale);
  const time = (iso: string) => formatDateTime(iso, doc.locale, doc.time_zone);
  const facts = [
    ['kind', doc.kind, doc.title],
    ['period', doc.period, doc.period_label],
    ['time_zone', doc.time_zone, doc.time_zone],
    ['from', doc.from, time(doc.from)],
    ['to', doc.to, time(doc.to)],
  ] as const;
  const rows: Figure[] = [
    ...facts.map(([measure, value, shown]) => ({
      codes: ['report', '', measure] as const,
      words: [t('report_section'), '', t(measure)] as const,
      value,
      shown,
    })),
    ...doc.headline.map(([measure, value]) => ({
      codes: ['summary', '', measure] as const,
      words: [t('summary_section'), '', nameOf(doc, measure)] as const,
      value,
    })),
  ];
  for (const table of doc.tables)
    table.rows.forEach((row, r) => {
      for (let i = 1; i < table.columns.length; i++) {
        const column = table.columns[i]!;
        rows.push({
          codes: [table.name, String(row[0]), column],
          words: [table.title, itemOf(table, r), nameOf(doc, column)],
          value: row[i] ?? '',
        });
      }
    });
  return rows;
}

/**
 * A report as one tidy CSV table (`section,item,measure,value`): what it covers, the headline
 * figures, then every table cell as a row of its own, so spreadsheet pivots and scripts read every
 * report the same way. Codes, ISO times and raw numbers: the form for scripts. Cells a spreadsheet
 * would take for a formula are neutralised.
 */
export function reportCsv(doc: ReportDocument): string {
  const rows = figures(doc).map((f) => [...f.codes, f.value].map((cell) => neutralise(cell)));
  return stringify([[...REPORT_CSV_HEADER], ...rows]);
}

/**
 * The same table for a reader of the document's language: headers, sections, items and measures
 * in words (labels for operation types and statuses, days as the language writes them), the
 * report's facts as the reader reads them, numbers as the language's spreadsheets read them
 * (decimal comma and `;` separators in Russian), and a UTF-8 BOM so spreadsheets read Cyrillic.
 * The codes of section, item and measure follow in three more columns, for filters and scripts.
 */
export function readerReportCsv(doc: ReportDocument): string {
  const t = translator(REPORT_TEXT, doc.locale);
  const header = [
    ...(['csv_section', 'csv_item', 'csv_measure', 'csv_value'] as const),
    ...(['csv_section_code', 'csv_item_code', 'csv_measure_code'] as const),
  ].map((key) => t(key));
  const rows = figures(doc).map((f) => {
    // A number stays a number for the spreadsheet (a negative change is no formula).
    const value = typeof f.value === 'number' ? spreadsheetNumber(f.value, doc.locale) : neutralise(f.shown ?? f.value);
    return [...f.words.map((cell) => neutralise(cell)), value, ...f.codes.map((cell) => neutralise(cell))];
  });
  return stringify([header, ...rows], { bom: true, delimiter: doc.locale === 'ru' ? ';' : ',' });
}
