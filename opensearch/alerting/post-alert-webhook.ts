import { createHmac } from 'node:crypto';

/**
 * `sha256=<hex>` of `<timestamp>.<body>` under `secret`: what `X-Synclog-Signature` carries, so a
 * receiver can check the sender and reject replays by the timestamp.
 */
export const signatureOf = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** POSTs a JSON body, signed when a secret is given; anything but a 2xx answer within `timeoutMs` throws. */
export async function postAlertWebhook(
  url: string,
  body: string,
  options: { secret?: string | undefined; now: number; timeoutMs?: number },
): Promise<void> {
  const timestamp = String(Math.floor(options.now / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-synclog-timestamp': timestamp };
  if (options.secret) headers['x-synclog-signature'] = signatureOf(options.secret, timestamp, body);
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}
