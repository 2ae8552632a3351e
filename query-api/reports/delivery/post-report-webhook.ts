import type { BuiltReport } from '../build-report.ts';

/** POSTs a report as JSON; anything but a 2xx answer within `timeoutMs` is an error. */
export async function postReportWebhook(
  url: string,
  report: BuiltReport,
  runId: string | null,
  timeoutMs = 15_000,
): Promise<number> {
  const { doc, data } = report;
  const body = {
    event: 'report',
    report: doc.kind,
    title: doc.title,
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
