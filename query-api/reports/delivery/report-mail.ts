import { displayValue } from '../formats/report-html.ts';
import { renderReport } from '../formats/render-report.ts';
import type { ReportDocument } from '../formats/report-document.ts';
import type { BuiltReport } from '../build-report.ts';

export interface ReportMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: ReadonlyArray<{
    readonly filename: string;
    readonly content: Buffer | string;
    readonly contentType: string;
  }>;
  readonly headers: Record<string, string>;
}

const headlineLine = (doc: ReportDocument) =>
  doc.headline
    .slice(0, 3)
    .map(([measure, value]) => `${measure.replace(/_/g, ' ')} ${displayValue(measure, value)}`)
    .join(', ');

/** The mail of a report: its figures in the subject, an HTML body, a plain-text part, and the report attached. */
export async function reportMail(
  report: BuiltReport,
  attachment: 'csv' | 'xlsx',
  headers: Record<string, string> = {},
): Promise<ReportMail> {
  const { doc, data } = report;
  const [html, file] = await Promise.all([renderReport(doc, data, 'html'), renderReport(doc, data, attachment)]);
  const text = [
    `${doc.title} ${doc.period} (${doc.time_zone})`,
    '',
    ...doc.headline.map(([measure, value]) => `${measure.replace(/_/g, ' ')}: ${displayValue(measure, value)}`),
    '',
    `The full report is attached (${file.filename}).`,
  ].join('\n');
  return {
    subject: `[synclog] ${doc.title} ${doc.period}: ${headlineLine(doc)}`,
    text,
    html: String(html.body),
    attachments: [{ filename: file.filename, content: file.body, contentType: file.contentType }],
    headers,
  };
}
