import { readerReportCsv, reportCsv } from './report-csv.ts';
import type { ReportDocument } from './report-document.ts';
import { reportHtml } from './report-html.ts';
import { readerReportXlsx, reportXlsx } from './report-xlsx.ts';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  readonly body: string | Buffer;
  readonly contentType: string;
  /** `synclog-daily-2026-11-28.csv` */
  readonly filename: string;
}

export interface RenderOptions {
  /**
   * CSV and XLSX for a reader of the document's language (words, labels, the language's numbers,
   * codes in columns of their own) instead of the table of codes scripts read. Default false.
   * JSON is always the computed report; HTML is always for a reader.
   */
  readonly forReader?: boolean;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

async function bodyOf(doc: ReportDocument, data: unknown, format: ReportFormat, forReader: boolean) {
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'csv':
      return forReader ? readerReportCsv(doc) : reportCsv(doc);
    case 'xlsx':
      return forReader ? readerReportXlsx(doc) : reportXlsx(doc);
    case 'html':
      return reportHtml(doc);
  }
}

/** A report in one of its formats; `data` is the computed report itself, which JSON gives whole. */
export async function renderReport(
  doc: ReportDocument,
  data: unknown,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<RenderedReport> {
  const filename = `synclog-${doc.kind}-${doc.period.replace(/\s*–\s*/, '_')}.${format}`;
  const body = await bodyOf(doc, data, format, options.forReader ?? false);
  return { body, contentType: CONTENT_TYPES[format], filename };
}
