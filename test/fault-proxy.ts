import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultMode =
  /** Forward everything. */
  | 'pass'
  /** Forward the request to OpenSearch, then cut the connection instead of answering: the write happened, the client sees an error. */
  | 'drop-response'
  /** Refuse new connections, as a stopped node does. */
  | 'down'
  /** Answer 429 with `Retry-After: retryAfter` without forwarding, as a busy node does. */
  | 'throttle';

export interface FaultProxy {
  readonly url: string;
  mode: FaultMode;
  /** Applies `mode` only to requests whose path contains this (default `_bulk`); others pass. */
  match: string;
  /** When set, `mode` applies to this many more matching requests, then the proxy passes everything. */
  times: number | undefined;
  /** The `Retry-After` header of `throttle` answers, in seconds (default `1`). */
  retryAfter: string;
  /** How many requests each mode handled. */
  readonly counts: Record<FaultMode, number>;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of the test node that injects network faults, so tests can make
 * OpenSearch unreachable or lose its answers without stopping the node other tests share.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const state: {
    mode: FaultMode;
    match: string;
    times: number | undefined;
    retryAfter: string;
    counts: Record<FaultMode, number>;
  } = {
    mode: 'pass',
    match: '_bulk',
    times: undefined,
    retryAfter: '1',
    counts: { pass: 0, 'drop-response': 0, down: 0, throttle: 0 },
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const mode = (req.url ?? '').includes(state.match) ? state.mode : 'pass';
    state.counts[mode]++;
    if (mode !== 'pass' && state.times !== undefined && --state.times <= 0) {
      state.mode = 'pass';
      state.times = undefined;
    }
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (mode === 'throttle') {
      req.resume();
      const body = JSON.stringify({
        error: { type: 'rejected_execution_exception', reason: 'the node is busy' },
        status: 429,
      });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': state.retryAfter });
      res.end(body);
      return;
    }
    const forward = request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (mode === 'drop-response') {
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    if (state.mode === 'down' && state.match === '') {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: FaultMode) {
      state.mode = mode;
      // A node going down closes its open connections too.
      if (mode === 'down') for (const socket of sockets) socket.destroy();
    },
    get match() {
      return state.match;
    },
    set match(value: string) {
      state.match = value;
    },
    get times() {
      return state.times;
    },
    set times(value: number | undefined) {
      state.times = value;
    },
    get retryAfter() {
      return state.retryAfter;
    },
    set retryAfter(value: string) {
      state.retryAfter = value;
    },
    counts: state.counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
