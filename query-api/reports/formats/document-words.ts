import { formatDateTime } from '../../../opensearch/i18n/date-format.ts';
import type { Reader } from '../../reader/reader.ts';
import type { Cell, ReportDocument, ReportKind, ReportTable } from './report-document.ts';
import { REPORT_TEXT, type ReportTextKey } from './report-text.ts';
import { displayValue } from './report-values.ts';

/** A table as a report kind lays it out; `title` names the catalogue text of its title. */
export interface TableLayout {
  readonly name: string;
  readonly title: ReportTextKey;
  readonly columns: readonly ReportTextKey[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
  /** What the rows' first cells are: labelled codes, days, measures, or user data shown as is. */
  readonly items: 'operation_type' | 'status' | 'day' | 'measure' | 'as_is';
}

/** A report kind's layout: its figures and tables, before any word is chosen. */
export interface DocumentLayout {
  readonly kind: ReportKind;
  /** ISO, and as the reader writes it. */
  readonly period: string;
  readonly periodLabel: string;
  readonly report: { readonly time_zone: string; readonly from: string; readonly to: string };
  readonly headline: ReadonlyArray<readonly [measure: ReportTextKey, value: Cell]>;
  readonly tables: readonly TableLayout[];
}

const PHRASES: Partial<Record<ReportTextKey, ReportTextKey>> = {
  operations: 'operations_phrase',
  errors: 'errors_phrase',
  error_rate: 'error_rate_phrase',
  active_customers: 'active_customers_phrase',
  new_customers: 'new_customers_phrase',
  returning_customers: 'returning_customers_phrase',
};

/** How many headline figures the summary sentence (and so a mail's subject) counts. */
const SUMMARY_FIGURES = 3;

/** A report kind's layout worded for `reader`: titles, names, labels, the period and the summary sentence. */
export function wordedDocument(layout: DocumentLayout, reader: Reader): ReportDocument {
  const t = reader.text(REPORT_TEXT);
  const { locale } = reader;
  const title = t(`${layout.kind}_title`);
  const codes = [...layout.headline.map(([measure]) => measure), ...layout.tables.flatMap((table) => table.columns)];
  const names = Object.fromEntries(codes.map((code) => [code, t(code)]));
  const itemOf = (kind: TableLayout['items'], cell: Cell): string =>
    kind === 'operation_type' || kind === 'status'
      ? reader.label(kind, String(cell))
      : kind === 'day'
        ? reader.day(String(cell))
        : kind === 'measure'
          ? t(String(cell) as ReportTextKey)
          : String(cell);
  const tables = layout.tables.map((table): ReportTable => ({
    name: table.name,
    title: t(table.title),
    columns: table.columns,
    rows: table.rows,
    ...(table.items === 'as_is' ? {} : { items: table.rows.map((row) => itemOf(table.items, row[0] ?? '')) }),
  }));
  const summary = layout.headline
    .slice(0, SUMMARY_FIGURES)
    .map(([measure, value]) => {
      const phrase = PHRASES[measure];
      const shown = displayValue(measure, value, locale);
      if (!phrase || typeof value !== 'number') return `${names[measure]} ${shown}`;
      return t(phrase, { count: value, value: shown });
    })
    .join(', ');
  const { time_zone, from, to } = layout.report;
  return {
    kind: layout.kind,
    locale,
    title,
    period: layout.period,
    period_label: layout.periodLabel,
    heading: t('heading', { title, period: layout.periodLabel }),
    covering: t('covering', {
      zone: time_zone,
      from_utc: from,
      to_utc: to,
      from_local: formatDateTime(from, locale, time_zone),
      to_local: formatDateTime(to, locale, time_zone),
    }),
    summary,
    time_zone,
    from,
    to,
    headline: layout.headline,
    names,
    tables,
  };
}
