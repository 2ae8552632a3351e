import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allows, type ApiTokens } from '../../query-api/auth/api-tokens.ts';

export interface PassThroughProxy {
  readonly url: string;
  close(): Promise<void>;
}

export interface PassThroughOptions {
  /** OpenSearch's base URL. */
  readonly target: string;
  /** The OpenSearch path and query string each search goes to. */
  readonly searchPath: string;
  /** The service's token table: the same constant-time check the service makes. */
  readonly tokens: ApiTokens;
  /** Request path (`/logs?…`) → the search body the service sends for it, serialised once. */
  readonly bodies: ReadonlyMap<string, string>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The least a search API in front of OpenSearch must do, as the service's baseline: check the
 * bearer token as the service does (the same regular expression, a SHA-256 of the presented token
 * compared in constant time with each known token's hash, the role check), send the search the
 * service would send for that request (pre-built: no validation, no query building) over a
 * keep-alive `node:http` agent, and stream OpenSearch's answer back unchanged. No access record,
 * no metrics, no reshaping of the hits: those are what the service adds.
 */
export function startPassThroughProxy(options: PassThroughOptions): Promise<PassThroughProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const server = createServer((req, res) => {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    const role = token ? options.tokens.roleOf(token) : null;
    if (!role || !allows(role, 'viewer')) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    const body = options.bodies.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const upstream = request(
      `${options.target}${options.searchPath}`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          'content-type': answer.headers['content-type'] ?? 'application/json',
        });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    upstream.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
