import type { DailySummary } from '../daily-summary.ts';
import type { MonthlyActivity } from '../monthly-activity.ts';
import type { WeeklyErrorReport } from '../weekly-errors.ts';

export type ReportKind = 'daily' | 'weekly' | 'monthly';
export type Cell = string | number;

/** A named table of a report: a header and rows whose first cell names the row. */
export interface ReportTable {
  readonly name: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

/**
 * A report as its renderings (CSV, XLSX, HTML, mail) share it: a title, the headline figures and
 * the tables, every figure taken as is from the computed report.
 */
export interface ReportDocument {
  readonly kind: ReportKind;
  readonly title: string;
  /** What the report covers: `2026-11-28`, `2026-11-23 – 2026-11-29`, `2026-11`. */
  readonly period: string;
  readonly time_zone: string;
  readonly from: string;
  readonly to: string;
  readonly headline: ReadonlyArray<readonly [measure: string, value: Cell]>;
  readonly tables: readonly ReportTable[];
}

/** The rows of a report's tables: what an access log entry counts for a report read or sent. */
export const reportRows = (doc: ReportDocument) => doc.tables.reduce((sum, table) => sum + table.rows.length, 0);

export const percent = (rate: number) => `${(rate * 100).toFixed(2)} %`;

/** What a computed report covers, as every document states it. */
const covering = (
  kind: ReportKind,
  title: string,
  period: string,
  report: { time_zone: string; from: string; to: string },
) => ({ kind, title, period, time_zone: report.time_zone, from: report.from, to: report.to });

export function dailyDocument(report: DailySummary): ReportDocument {
  // The story's types, then every other type seen, as the report lists them.
  const types = [
    ...new Set([...Object.keys(report.by_operation_type), ...Object.keys(report.errors_by_operation_type)]),
  ];
  return {
    ...covering('daily', 'Daily summary', report.date, report),
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
        title: 'By operation type',
        columns: ['operation_type', 'operations', 'errors'],
        rows: types.map((t) => [t, report.by_operation_type[t] ?? 0, report.errors_by_operation_type[t] ?? 0]),
      },
      {
        name: 'by_status',
        title: 'By status',
        columns: ['status', 'operations'],
        rows: Object.entries(report.by_status),
      },
      {
        name: 'top_errors',
        title: 'Top error messages',
        columns: ['error_message', 'count'],
        rows: report.top_errors.map((e) => [e.message, e.count]),
      },
    ],
  };
}

export function weeklyDocument(report: WeeklyErrorReport): ReportDocument {
  const { previous, change } = report;
  return {
    ...covering(
      'weekly',
      'Weekly error analysis',
      `${report.by_day[0]?.date ?? report.start} – ${report.by_day.at(-1)?.date ?? report.start}`,
      report,
    ),
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
        title: 'Against the week before',
        columns: ['measure', 'this_week', 'previous_week', 'change'],
        rows: [
          ['errors', report.errors, previous.errors, change.errors],
          ['error_rate', report.error_rate, previous.error_rate, change.error_rate],
          ['affected_customers', report.affected_customers, previous.affected_customers, change.affected_customers],
        ],
      },
      {
        name: 'by_day',
        title: 'Errors by day',
        columns: ['date', 'errors'],
        rows: report.by_day.map((d) => [d.date, d.errors]),
      },
      {
        name: 'by_operation_type',
        title: 'Errors by operation type',
        columns: ['operation_type', 'errors'],
        rows: Object.entries(report.by_operation_type),
      },
      {
        name: 'top_fingerprints',
        title: 'Most common errors',
        columns: ['error_fingerprint', 'count', 'example'],
        rows: report.top_fingerprints.map((f) => [f.fingerprint, f.count, f.example]),
      },
    ],
  };
}

export function monthlyDocument(report: MonthlyActivity): ReportDocument {
  return {
    ...covering('monthly', 'Monthly customer activity', report.month, report),
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
        title: 'Operations per customer',
        columns: ['customer_id', 'operations'],
        rows: report.top_customers.map((c) => [c.customer_id, c.operations]),
      },
      {
        name: 'repeated_failures',
        title: 'Customers with repeated failures',
        columns: ['customer_id', 'errors'],
        rows: report.repeated_failures.map((c) => [c.customer_id, c.errors]),
      },
    ],
  };
}
