import { DEFAULT_LOCALE } from '../../../opensearch/i18n/locale.ts';
import { translator } from '../../../opensearch/i18n/translator.ts';
import { renderReport } from '../formats/render-report.ts';
import { nameOf, type ReportDocument } from '../formats/report-document.ts';
import { REPORT_TEXT } from '../formats/report-text.ts';
import { displayValue } from '../formats/report-values.ts';

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

/**
 * The mail of a report, in its document's language: the first figures counted in the subject, an
 * HTML body, a plain-text part, and the report attached. The attachment is the reader's table in
 * Russian (labels, decimal commas, code columns kept); English recipients keep the table of codes
 * they always had (its codes are English words), so scripts fed by these mails keep working.
 */
export async function reportMail(
  report: { readonly doc: ReportDocument; readonly data: unknown },
  attachment: 'csv' | 'xlsx',
  headers: Record<string, string> = {},
): Promise<ReportMail> {
  const { doc, data } = report;
  const t = translator(REPORT_TEXT, doc.locale);
  const [html, file] = await Promise.all([
    renderReport(doc, data, 'html'),
    renderReport(doc, data, attachment, { forReader: doc.locale !== DEFAULT_LOCALE }),
  ]);
  const text = [
    `${doc.heading} (${doc.time_zone})`,
    '',
    ...doc.headline.map(([measure, value]) => `${nameOf(doc, measure)}: ${displayValue(measure, value, doc.locale)}`),
    '',
    t('attached', { file: file.filename }),
  ].join('\n');
  return {
    subject: `[synclog] ${doc.heading}: ${doc.summary}`,
    text,
    html: String(html.body),
    attachments: [{ filename: file.filename, content: file.body, contentType: file.contentType }],
    headers,
  };
}
