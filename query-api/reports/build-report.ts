import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { dailySummary } from './daily-summary.ts';
import {
  dailyDocument,
  monthlyDocument,
  weeklyDocument,
  type ReportDocument,
  type ReportKind,
} from './formats/report-document.ts';
import { monthlyActivity } from './monthly-activity.ts';
import { weeklyErrorReport } from './weekly-errors.ts';

/** Which report, of which days: a local date, the first of 7 local days, or a month. */
export type ReportRequest =
  | { readonly kind: 'daily'; readonly date: string }
  | { readonly kind: 'weekly'; readonly start: string }
  | { readonly kind: 'monthly'; readonly month: string; readonly top?: number };

export interface BuiltReport {
  /** The computed report, as `GET /reports/…` gives it in JSON. */
  readonly data: unknown;
  readonly doc: ReportDocument;
}

/** Computes a report (aggregations only) and its document for the other formats. */
export async function buildReport(
  client: OpenSearchClient,
  names: IndexNames,
  request: ReportRequest,
  timeZone: string,
): Promise<BuiltReport> {
  switch (request.kind) {
    case 'daily': {
      const data = await dailySummary(client, names, request.date, timeZone);
      return { data, doc: dailyDocument(data) };
    }
    case 'weekly': {
      const data = await weeklyErrorReport(client, names, request.start, timeZone);
      return { data, doc: weeklyDocument(data) };
    }
    case 'monthly': {
      const data = await monthlyActivity(client, names, request.month, timeZone, request.top);
      return { data, doc: monthlyDocument(data) };
    }
  }
}

const DAY_MS = 86_400_000;
const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The last complete period before `at`, in local days of `timeZone`: yesterday, the 7 days up to
 * yesterday, or last month. What a scheduled send and the CLI's default report on.
 */
export function completedPeriod(kind: ReportKind, at: Date, timeZone: string): ReportRequest {
  const today = at.toLocaleDateString('en-CA', { timeZone });
  if (kind === 'daily') return { kind, date: shiftDate(today, -1) };
  if (kind === 'weekly') return { kind, start: shiftDate(today, -7) };
  return { kind, month: shiftDate(`${today.slice(0, 7)}-01`, -1).slice(0, 7) };
}

/** A request for the report of the period that contains the local date `date`. */
export function periodOfDate(kind: ReportKind, date: string): ReportRequest {
  if (kind === 'daily') return { kind, date };
  if (kind === 'weekly') return { kind, start: date };
  return { kind, month: date.slice(0, 7) };
}
