import { once } from 'node:events';
import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { runWithContext } from '../context/correlation-context.ts';
import { createCaptureLogger } from './capture-logger.ts';
import { createStructuredLogger } from './structured-logger.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

function setup(options: { clock?: () => number; slowQueryMs?: number } = {}) {
  const capture = createCaptureLogger();
  const log = createStructuredLogger(
    {
      logger: capture.logger,
      service: { name: 'crm-api', version: '2.4.1', environment: '' },
      newId: () => 'req-generated',
      ...options,
    },
    { slowQueryMs: options.slowQueryMs ?? 500 },
  );
  const records = (): SyncLogRecord[] =>
    capture.normalised().map((result) => {
      if (!result.ok) throw new Error(`record rejected: ${result.reason}`);
      return result.record;
    });
  return { capture, log, records };
}

function fakeClock(start = 5_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

describe('createStructuredLogger', () => {
  it('logs each level, critical included, as a valid record at that level', () => {
    const { log, records } = setup();

    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    log.critical('c');

    expect(records().map((r) => r.level)).toEqual(['debug', 'info', 'warn', 'error', 'critical']);
  });

  it('carries the category, the service override and the context, with explicit ids winning', () => {
    const { log, records } = setup();

    runWithContext(
      { correlation_id: 'corr-1', request_id: 'req-ctx', trace_id: TRACE, span_id: SPAN, session_id: 's-1' },
      () =>
        log.info('Customer card opened', {
          category: 'business_logic',
          userId: 'manager-7',
          requestId: 'req-explicit',
          details: { screen: 'card' },
        }),
    );

    const [record] = records();
    expect(record).toMatchObject({
      category: 'business_logic',
      correlation_id: 'corr-1',
      trace_id: TRACE,
      span_id: SPAN,
      service: { name: 'crm-api', version: '2.4.1', environment: 'test' },
      details: { screen: 'card', request_id: 'req-explicit', user_id: 'manager-7', session_id: 's-1' },
    });
  });

  it('drops the context span id when the call names another trace', () => {
    const { log, records } = setup();
    const otherTrace = 'ffffffffffffffffffffffffffffffff';

    runWithContext({ trace_id: TRACE, span_id: SPAN }, () => log.info('m', { traceId: otherTrace }));

    expect(records()[0]).toMatchObject({ trace_id: otherTrace });
    expect(records()[0]).not.toHaveProperty('span_id');
  });

  it('serialises any thrown value into the error fields', () => {
    const { log, records, capture } = setup();
    class OneCUnavailable extends Error {}

    log.error('1C down', { category: 'external_api', error: new OneCUnavailable('503 from 1C') });
    log.error('odd throw', { error: 'just a string' });

    expect(records()[0]).toMatchObject({ error_message: '503 from 1C', error_type: 'OneCUnavailable' });
    expect(records()[1]).toMatchObject({ error_message: 'just a string', error_type: 'string' });
    // Plain data, so JSON-formatting transports print it instead of `{}`.
    expect(capture.infos[0]?.error).not.toBeInstanceOf(Error);
  });

  it('logs performance with a rounded duration and the extra fields in details', () => {
    const { log, records } = setup();

    log.logPerformance('report.build', 1234.6, { rows: 5_000 });

    expect(records()[0]).toMatchObject({
      category: 'performance',
      level: 'info',
      duration_ms: 1235,
      details: { operation_name: 'report.build', rows: 5_000 },
    });
  });

  it('logs API calls without credentials or query, at a level set by the status', () => {
    const { log, records } = setup();

    log.logApiCall({
      method: 'post',
      url: 'https://user:secret@1c.example.ru/odata/Catalog?token=abc&email=a@b.ru',
      status: 201,
      durationMs: 80,
    });
    log.logApiCall({ method: 'GET', url: 'https://1c.example.ru/hs/customers', status: 404, durationMs: 12 });
    log.logApiCall({
      method: 'GET',
      url: 'https://1c.example.ru/hs/customers',
      durationMs: 30_000,
      error: new Error('ETIMEDOUT'),
    });

    const [created, missing, timedOut] = records();
    expect(created).toMatchObject({
      level: 'info',
      category: 'external_api',
      details: { http: { method: 'POST', url: 'https://1c.example.ru/odata/Catalog', status_code: 201 } },
    });
    expect(JSON.stringify(created)).not.toMatch(/secret|token|a@b/);
    expect(missing?.level).toBe('warn');
    expect(timedOut).toMatchObject({
      level: 'error',
      error_message: 'ETIMEDOUT',
      message: 'GET https://1c.example.ru/hs/customers no response in 30000 ms',
    });
  });

  it('logs database queries, slow ones as warnings', () => {
    const { log, records } = setup({ slowQueryMs: 500 });

    log.logDatabaseQuery({ operation: 'select', table: 'customers', durationMs: 4, rows: 20 });
    log.logDatabaseQuery({ operation: 'update', table: 'customers', durationMs: 900, rows: 1 });

    expect(records()[0]).toMatchObject({
      category: 'database',
      level: 'info',
      details: { db: { operation: 'select', table: 'customers', rows: 20 } },
    });
    expect(records()[1]?.level).toBe('warn');
  });

  it('logs security events as warn when blocked and critical when the attempt succeeded', () => {
    const { log, records } = setup();

    log.logSecurityEvent({
      event: 'invalid_webhook_signature',
      outcome: 'blocked',
      remoteIp: '203.0.113.9',
      resource: '/api/1c/webhook',
    });
    log.logSecurityEvent({ event: 'revoked_token_used', outcome: 'succeeded', userId: 'svc-1c' });

    const [blocked, breached] = records();
    expect(blocked).toMatchObject({
      category: 'security',
      level: 'warn',
      details: { security: { event: 'invalid_webhook_signature', outcome: 'blocked', remote_ip: '203.0.113.9' } },
    });
    expect(breached).toMatchObject({ category: 'security', level: 'critical', details: { user_id: 'svc-1c' } });
  });

  it('times a wrapped function, passing its arguments and result through', async () => {
    const time = fakeClock();
    const { log, records } = setup({ clock: time.clock });
    const fetchCustomers = log.timed('customers.fetch', async (page: number) => {
      time.advance(250);
      return [`page ${page}`];
    });

    expect(await fetchCustomers(3)).toEqual(['page 3']);
    expect(records()[0]).toMatchObject({
      category: 'performance',
      duration_ms: 250,
      details: { operation_name: 'customers.fetch' },
    });
  });

  it('logs and rethrows the error of a timed function', () => {
    const time = fakeClock();
    const { log, records } = setup({ clock: time.clock });
    const failing = log.timed('parse', () => {
      time.advance(7);
      throw new SyntaxError('bad XML from 1C');
    });

    expect(() => failing()).toThrow('bad XML from 1C');
    expect(records()[0]).toMatchObject({ level: 'error', duration_ms: 7, error_type: 'SyntaxError' });
  });

  it('names the option when slowQueryMs is invalid', () => {
    const { logger } = createCaptureLogger();
    expect(() => createStructuredLogger({ logger }, { slowQueryMs: Number.NaN })).toThrow(/options\.slowQueryMs/);
  });
});

describe('httpHandler', () => {
  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => unknown, clock?: () => number) {
    const { log, records } = setup(clock ? { clock } : {});
    const server = createServer(log.httpHandler(handler));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, records, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('logs method, path without query, status and duration, in the request’s trace context', async () => {
    const time = fakeClock();
    const seen: Array<string | undefined> = [];
    const app = await serve((req, res) => {
      time.advance(40);
      seen.push(req.url);
      res.statusCode = 201;
      res.end('ok');
    }, time.clock);

    const response = await fetch(`${app.base}/api/customers/42?email=a@b.ru`, {
      method: 'POST',
      headers: { traceparent: `00-${TRACE}-${SPAN}-01`, 'x-request-id': 'req-from-proxy' },
    });
    await response.text();
    await vi.waitFor(() => expect(app.records()).toHaveLength(1));
    await app.close();

    expect(app.records()[0]).toMatchObject({
      level: 'info',
      message: 'POST /api/customers/42 201',
      duration_ms: 40,
      trace_id: TRACE,
      span_id: SPAN,
      details: { request_id: 'req-from-proxy', http: { method: 'POST', path: '/api/customers/42', status_code: 201 } },
    });
    expect(JSON.stringify(app.records()[0])).not.toContain('a@b.ru');
  });

  it('gives a request without an id a new one, visible to records logged inside the handler', async () => {
    const { log, records } = setup();
    const server = createServer(
      log.httpHandler((_req, res) => {
        log.info('inside', { category: 'business_logic' });
        res.statusCode = 503;
        res.end();
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');

    await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`)).text();
    await vi.waitFor(() => expect(records()).toHaveLength(2));
    await new Promise((resolve) => server.close(resolve));

    const [inside, request] = records();
    expect(inside?.details).toMatchObject({ request_id: 'req-generated' });
    expect(request).toMatchObject({
      level: 'error',
      details: { request_id: 'req-generated', http: { status_code: 503 } },
    });
  });

  it('logs a rejected handler as an error once and passes the rejection on', async () => {
    const failure = new Error('handler bug');
    const { log, records } = setup();
    const wrapped = log.httpHandler(async (_req: IncomingMessage, res: ServerResponse) => {
      res.statusCode = 200;
      throw failure;
    });
    const res = new ServerResponse({ method: 'GET', headers: {} } as IncomingMessage);

    await expect(wrapped({ method: 'GET', url: '/boom?x=1', headers: {} } as IncomingMessage, res)).rejects.toBe(
      failure,
    );
    res.emit('close');

    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ level: 'error', message: 'GET /boom failed', error_message: 'handler bug' });
    expect(records()[0]?.details).toMatchObject({ http: { method: 'GET', path: '/boom' } });
  });
});
