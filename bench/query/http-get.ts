import { Agent, request } from 'node:http';

export interface HttpGetter {
  /** GETs `path` with the bearer token; resolves when the whole body has arrived (chunks go to `onChunk`). */
  get(path: string, onChunk?: (chunk: Buffer) => void): Promise<void>;
  /** GETs `path` and parses the body as JSON. */
  json(path: string): Promise<unknown>;
  close(): void;
}

/**
 * A keep-alive `node:http` caller with one socket: the HTTP stack the bare OpenSearch client uses
 * too, so what differs between the paths is the server's cost, not the caller's.
 */
export function httpGetter(baseUrl: string, token: string): HttpGetter {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string, onChunk: (chunk: Buffer) => void = () => {}) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${baseUrl}${path}`, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`GET ${baseUrl}${path}: ${res.statusCode}`));
        res.on('data', onChunk);
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  return {
    get,
    async json(path) {
      const chunks: Buffer[] = [];
      await get(path, (chunk) => chunks.push(chunk));
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    },
    close: () => agent.destroy(),
  };
}
