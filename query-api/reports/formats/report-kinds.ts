import type { Locale } from '../../../opensearch/i18n/locale.ts';
import { createReader, type Reader } from '../../reader/reader.ts';
import { STORY_LABELS } from '../../reader/vocabulary-labels.ts';
import type { DailySummary } from '../daily-summary.ts';
import type { MonthlyActivity } from '../monthly-activity.ts';
import type { WeeklyErrorReport } from '../weekly-errors.ts';
import { wordedDocument } from './document-words.ts';
import type { ReportDocument } from './report-document.ts';

/** Who reads a report nobody asked in a language for: English, with the story's labels. */
export const DEFAULT_REPORT_READER: Reader = createReader('en', 'UTC', STORY_LABELS);

/** A month as the language writes it: `2026-11`, `11.2026` (ММ.ГГГГ, as days are ДД.ММ.ГГГГ). */
const monthLabel = (month: string, locale: Locale) => (locale === 'ru' ? month.split('-').reverse().join('.') : month);

export function dailyDocument(report: DailySummary, reader: Reader = DEFAULT_REPORT_READER): ReportDocument {
  // The story's types, then every other type seen, as the report lists them.
  const types = [
    ...new Set([...Object.keys(report.by_operation_type), ...Object.keys(report.errors_by_operation_type)]),
  ];
  const layout = {
    kind: 'daily',
    period: report.date,
    periodLabel: reader.day(report.date),
    report,
    headline: [
      ['operations', report.operations],
      ['errors', report.by_status.error],
      ['error_rate', report.error_rate],
      ['duration_avg_ms', report.duration_ms?.avg ?? ''],
      ['duration_p95_ms', report.duration_ms?.p95 ?? ''],
      ['duration_p99_ms', report.duration_ms?.p99 ?? ''],
      ['flagged', report.flagged],
    ],
    tables: [
      {
        name: 'by_operation_type',
        title: 'by_operation_type',
        columns: ['operation_type', 'operations', 'errors'],
        rows: types.map((t) => [t, report.by_operation_type[t] ?? 0, report.errors_by_operation_type[t] ?? 0]),
        items: 'operation_type',
      },
      {
        name: 'by_status',
        title: 'by_status',
        columns: ['status', 'operations'],
        rows: Object.entries(report.by_status),
        items: 'status',
      },
      {
        name: 'top_errors',
        title: 'top_errors',
        columns: ['error_message', 'count'],
        rows: report.top_errors.map((e) => [e.message, e.count]),
        items: 'as_is',
      },
    ],
  } as const;
  return wordedDocument(layout, reader);
}

export function weeklyDocument(report: WeeklyErrorReport, reader: Reader = DEFAULT_REPORT_READER): ReportDocument {
  const { previous, change } = report;
  const first = report.by_day[0]?.date ?? report.start;
  const last = report.by_day.at(-1)?.date ?? report.start;
  const layout = {
    kind: 'weekly',
    period: `${first} – ${last}`,
    periodLabel: `${reader.day(first)} – ${reader.day(last)}`,
    report,
    headline: [
      ['errors', report.errors],
      ['operations', report.operations],
      ['error_rate', report.error_rate],
      ['affected_customers', report.affected_customers],
      ['flagged', report.flagged],
    ],
    tables: [
      {
        name: 'comparison',
        title: 'comparison',
        columns: ['measure', 'this_week', 'previous_week', 'change'],
        rows: [
          ['errors', report.errors, previous.errors, change.errors],
          ['error_rate', report.error_rate, previous.error_rate, change.error_rate],
          ['affected_customers', report.affected_customers, previous.affected_customers, change.affected_customers],
        ],
        items: 'measure',
      },
      {
        name: 'by_day',
        title: 'by_day',
        columns: ['date', 'errors'],
        rows: report.by_day.map((d) => [d.date, d.errors]),
        items: 'day',
      },
      {
        name: 'by_operation_type',
        title: 'errors_by_operation_type',
        columns: ['operation_type', 'errors'],
        rows: Object.entries(report.by_operation_type),
        items: 'operation_type',
      },
      {
        name: 'top_fingerprints',
        title: 'top_fingerprints',
        columns: ['error_fingerprint', 'count', 'example'],
        rows: report.top_fingerprints.map((f) => [f.fingerprint, f.count, f.example]),
        items: 'as_is',
      },
    ],
  } as const;
  return wordedDocument(layout, reader);
}

export function monthlyDocument(report: MonthlyActivity, reader: Reader = DEFAULT_REPORT_READER): ReportDocument {
  const layout = {
    kind: 'monthly',
    period: report.month,
    periodLabel: monthLabel(report.month, reader.locale),
    report,
    headline: [
      ['active_customers', report.active_customers],
      ['new_customers', report.new_customers],
      ['returning_customers', report.returning_customers],
      ['imports', report.imports],
      ['exports', report.exports],
      ['flagged', report.flagged],
    ],
    tables: [
      {
        name: 'top_customers',
        title: 'top_customers',
        columns: ['customer_id', 'operations'],
        rows: report.top_customers.map((c) => [c.customer_id, c.operations]),
        items: 'as_is',
      },
      {
        name: 'repeated_failures',
        title: 'repeated_failures',
        columns: ['customer_id', 'errors'],
        rows: report.repeated_failures.map((c) => [c.customer_id, c.errors]),
        items: 'as_is',
      },
    ],
  } as const;
  return wordedDocument(layout, reader);
}
