import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Reader } from '../reader/reader.ts';
import { dailySummary } from './daily-summary.ts';
import type { ReportDocument, ReportKind } from './formats/report-document.ts';
import { DEFAULT_REPORT_READER, dailyDocument, monthlyDocument, weeklyDocument } from './formats/report-kinds.ts';
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
  /** Its document for the reader it was built for. */
  readonly doc: ReportDocument;
  /** The same report's document for another reader (another language): no new search. */
  documentFor(reader: Reader): ReportDocument;
}

const built = <D>(data: D, worded: (data: D, reader: Reader) => ReportDocument, reader: Reader): BuiltReport => ({
  data,
  doc: worded(data, reader),
  documentFor: (other) => worded(data, other),
});

/**
 * Computes a report (aggregations only) and its document for the other formats, worded for
 * `reader` (default: English with the story's labels).
 */
export async function buildReport(
  client: OpenSearchClient,
  names: IndexNames,
  request: ReportRequest,
  timeZone: string,
  reader: Reader = DEFAULT_REPORT_READER,
): Promise<BuiltReport> {
  switch (request.kind) {
    case 'daily':
      return built(await dailySummary(client, names, request.date, timeZone), dailyDocument, reader);
    case 'weekly':
      return built(await weeklyErrorReport(client, names, request.start, timeZone), weeklyDocument, reader);
    case 'monthly':
      return built(await monthlyActivity(client, names, request.month, timeZone, request.top), monthlyDocument, reader);
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
