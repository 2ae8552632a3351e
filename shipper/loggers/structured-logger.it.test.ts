import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithContext } from '../context/index.ts';
import { startNodeShipper, type NodeShipper } from './fixtures/node-shipper.ts';
import { createStructuredLogger, type StructuredLogger } from './index.ts';

let node: NodeShipper;
let structured: StructuredLogger;
let clockMs = 0;
beforeAll(async () => {
  node = await startNodeShipper('structured');
  // Each timed call takes exactly 25 ms by this clock.
  structured = createStructuredLogger(
    { logger: node.logger, service: { name: 'crm-1c-sync', environment: 'test' }, clock: () => (clockMs += 25) },
    { slowQueryMs: 500 },
  );
});
afterAll(() => node.stop());

const byCorrelation = (id: string) => node.search({ term: { correlation_id: id } });

describe('StructuredLogger levels and typed records, through the transport, into a real node', () => {
  it('stores a record for each level method and log(), with its level, category and ids', async () => {
    const correlationId = 'levels-run';
    const fields = { correlationId, category: 'business_logic', traceId: 'trace-1', spanId: 'span-1' } as const;
    structured.debug('debug record', fields);
    structured.info('info record', fields);
    structured.warn('warn record', fields);
    structured.error('error record', { ...fields, error: new RangeError('out of range') });
    structured.critical('critical record', fields);
    structured.log('warn', 'log() record', { ...fields, requestId: 'req-1', details: { step: 3 } });

    const records = await byCorrelation(correlationId);
    const levelOf = Object.fromEntries(records.map((r) => [r.message, r.level]));
    expect(levelOf).toEqual({
      'debug record': 'debug',
      'info record': 'info',
      'warn record': 'warn',
      'error record': 'error',
      'critical record': 'critical',
      'log() record': 'warn',
    });
    for (const r of records) expect(r).toMatchObject({ category: 'business_logic', trace_id: 'trace-1' });
    expect(records.find((r) => r.level === 'error')).toMatchObject({ error_type: 'RangeError' });
    expect(records.find((r) => r.message === 'log() record')?.details).toEqual({ request_id: 'req-1', step: 3 });
    expect(await node.termCounts('level', { term: { correlation_id: correlationId } })).toEqual({
      debug: 1,
      info: 1,
      warn: 2,
      error: 1,
      critical: 1,
    });
  });

  it('stores performance, API call, database and security records with their categories and details', async () => {
    runWithContext({ correlation_id: 'typed-run', user_id: 'u-9' }, () => {
      structured.logPerformance('price-recalculation', 1_234, { items: 40 });
      structured.logApiCall({
        method: 'post',
        url: 'https://user:pw@1c.example/odata/Catalog?token=secret',
        status: 502,
        durationMs: 3_000,
      });
      structured.logDatabaseQuery({ operation: 'upsert', table: 'customers', durationMs: 800, rows: 12 });
      structured.logSecurityEvent({ event: 'invalid_webhook_signature', outcome: 'blocked', remoteIp: '10.0.0.5' });
    });

    const records = await byCorrelation('typed-run');
    const byCategory = Object.fromEntries(records.map((r) => [String(r.category), r]));
    expect(byCategory.performance).toMatchObject({
      level: 'info',
      duration_ms: 1_234,
      details: { operation_name: 'price-recalculation', items: 40, user_id: 'u-9' },
    });
    expect(byCategory.external_api).toMatchObject({
      level: 'error',
      details: { http: { method: 'POST', url: 'https://1c.example/odata/Catalog', status_code: 502 } },
    });
    expect(JSON.stringify(byCategory.external_api)).not.toContain('secret');
    expect(byCategory.database).toMatchObject({
      level: 'warn',
      details: { db: { operation: 'upsert', table: 'customers', rows: 12 } },
    });
    expect(byCategory.security).toMatchObject({
      level: 'warn',
      details: { security: { event: 'invalid_webhook_signature', outcome: 'blocked', remote_ip: '10.0.0.5' } },
    });
    expect(await node.termCounts('category', { term: { correlation_id: 'typed-run' } })).toEqual({
      performance: 1,
      external_api: 1,
      database: 1,
      security: 1,
    });
  });
});

describe('StructuredLogger’s timed() and httpHandler() records in a real node', () => {
  it('stores a timed() success as a performance record and a timed() failure as an error', async () => {
    const recalc = structured.timed('recalc', (n: number) => n * 2);
    const broken = structured.timed('broken', () => {
      throw new Error('no price list');
    });
    runWithContext({ correlation_id: 'timed-run' }, () => {
      expect(recalc(21)).toBe(42);
      expect(() => broken()).toThrow('no price list');
    });

    const records = await byCorrelation('timed-run');
    expect(records.map((r) => [r.level, r.message, r.duration_ms]).sort()).toEqual([
      ['error', 'broken failed after 25 ms', 25],
      ['info', 'recalc took 25 ms', 25],
    ]);
  });

  it('stores one record per HTTP request handled, in the request’s correlation context', async () => {
    const server: Server = createServer(
      structured.httpHandler((_req, res) => {
        structured.info('handling', { category: 'business_logic' });
        res.writeHead(201).end('created');
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/customers?email=a@b.ru`, {
        method: 'POST',
        headers: { 'x-correlation-id': 'http-run', 'x-request-id': 'req-http-1' },
      });
      expect(response.status).toBe(201);
      await response.text();
    } finally {
      // fetch keeps its connection alive: closed here, or close() would wait for its idle timeout.
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    }

    const records = await byCorrelation('http-run');
    expect(records).toHaveLength(2);
    expect(records.find((r) => r.category === 'performance')).toMatchObject({
      level: 'info',
      message: 'POST /customers 201',
      details: { request_id: 'req-http-1', http: { method: 'POST', path: '/customers', status_code: 201 } },
    });
    expect(records.find((r) => r.message === 'handling')?.details).toEqual({ request_id: 'req-http-1' });
  });
});
