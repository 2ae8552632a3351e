import { reportCsv } from './report-csv.ts';
import type { ReportDocument } from './report-document.ts';
import { reportHtml } from './report-html.ts';
import { reportXlsx } from './report-xlsx.ts';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  readonly body: string | Buffer;
  readonly contentType: string;
  /** `synclog-daily-2026-11-28.csv` */
  readonly filename: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

/** A report in one of its formats; `data` is the computed report itself, which JSON gives whole. */
export async function renderReport(doc: ReportDocument, data: unknown, format: ReportFormat): Promise<RenderedReport> {
  const filename = `synclog-${doc.kind}-${doc.period.replace(/\s*–\s*/, '_')}.${format}`;
  const body =
    format === 'json'
      ? `${JSON.stringify(data, null, 2)}\n`
      : format === 'csv'
        ? reportCsv(doc)
        : format === 'xlsx'
          ? await reportXlsx(doc)
          : reportHtml(doc);
  return { body, contentType: CONTENT_TYPES[format], filename };
}
