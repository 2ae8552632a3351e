import type { Context } from 'hono';

/** Where a request comes from, as far as the service can trust it. */
export interface RequestClient {
  /** The client's address: the peer's, or behind a trusted proxy the one the proxy saw. */
  readonly address: string;
  /** Whether the client reached the service (or the trusted proxy) over TLS. */
  readonly https: boolean;
}

/** The last value of a comma-separated header: the one the nearest proxy added. */
const lastOf = (header: string | undefined) =>
  header
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);

/** The socket's peer under `@hono/node-server`; absent when an app is called directly (`app.request`). */
const peerOf = (c: Context): string | undefined =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;

/**
 * The client of a request. Forwarded headers are believed only with `trustProxy`, since any
 * client can send them: then the rightmost `X-Forwarded-For` address (the one the proxy appended)
 * is the client and `X-Forwarded-Proto: https` says the proxy was reached over TLS.
 */
export function requestClient(c: Context, trustProxy: boolean): RequestClient {
  const tls = new URL(c.req.url).protocol === 'https:';
  const peer = peerOf(c) ?? 'unknown';
  if (!trustProxy) return { address: peer, https: tls };
  return {
    address: lastOf(c.req.header('x-forwarded-for')) ?? peer,
    https: tls || lastOf(c.req.header('x-forwarded-proto'))?.toLowerCase() === 'https',
  };
}
