import type { ReportDocument } from '../formats/report-document.ts';

/**
 * POSTs a report as JSON; anything but a 2xx answer within `timeoutMs` is an error. Codes, the ISO
 * period and raw figures as always; `language`, `title`, `heading` and `summary` in the target's
 * language, for a chat or a person reading the payload.
 */
export async function postReportWebhook(
  url: string,
  report: { readonly doc: ReportDocument; readonly data: unknown },
  runId: string | null,
  timeoutMs = 15_000,
): Promise<number> {
  const { doc, data } = report;
  const body = {
    event: 'report',
    report: doc.kind,
    language: doc.locale,
    title: doc.title,
    heading: doc.heading,
    summary: doc.summary,
    period: doc.period,
    time_zone: doc.time_zone,
    from: doc.from,
    to: doc.to,
    run_id: runId,
    headline: Object.fromEntries(doc.headline),
    data,
  };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(runId ? { 'idempotency-key': runId } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`webhook ${url} answered ${response.status}`);
  return response.status;
}
