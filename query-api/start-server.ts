import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Idle keep-alive connections are kept longer than the usual 60 s of proxies and load balancers:
 * a server that drops an idle connection first races the client that is just reusing it, and the
 * client's request dies with ECONNRESET. `close()` still closes idle connections at once.
 */
const KEEP_ALIVE_MS = 65_000;

/** Serves an app over HTTP until `close()`. */
export function startServer(app: Hono, port: number, hostname: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = KEEP_ALIVE_MS;
      server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    }
  });
}
