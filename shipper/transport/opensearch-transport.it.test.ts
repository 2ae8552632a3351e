import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { startFaultProxy } from '../../test/fault-proxy.ts';
import { createOpenSearchClient, type OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { verifySequences } from '../verify/verify-sequences.ts';
import { OpenSearchTransport, type OpenSearchTransportOptions } from './opensearch-transport.ts';

const client = testClient();
const prefix = uniquePrefix('ship');
const names = indexNames(prefix);
const transports: OpenSearchTransport[] = [];

const spoolDir = () => mkdtemp(join(tmpdir(), 'synclog-spool-'));
async function transport(options: Partial<OpenSearchTransportOptions> = {}) {
  const t = new OpenSearchTransport({
    client,
    service: 'transport-test',
    indexPrefix: prefix,
    spoolDir: await spoolDir(),
    ...options,
  });
  transports.push(t);
  return t;
}
const loggerFor = (t: OpenSearchTransport) => winston.createLogger({ level: 'debug', transports: [t] });

async function count(query: object = { match_all: {} }): Promise<number> {
  await client.indices.refresh({ index: `${prefix}-*` });
  const { body } = await client.count({ index: names.readAlias, body: { query } as never });
  return body.count;
}

/** Resolves once the transport has reported `total` delivered records. */
function delivered(t: OpenSearchTransport, total: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const listener = (event: { records: number }) => {
      seen += event.records;
      if (seen >= total) {
        t.off('delivered', listener);
        resolve();
      }
    };
    t.on('delivered', listener);
  });
}

beforeAll(() => runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }))));
afterAll(async () => {
  for (const t of transports) await t.close({ timeoutMs: 5_000 });
  await dropPrefix(client, prefix);
});

describe('OpenSearchTransport against a real node', () => {
  it('delivers 50,000 records logged by three producers: all searchable, each sequence complete, none duplicated', async () => {
    const records = generateRecords({
      seed: 7,
      count: 50_000,
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2026-11-20T00:00:00Z'),
    });
    const producers = await Promise.all([1, 2, 3].map(() => transport()));
    const loggers = producers.map(loggerFor);
    for (const [i, r] of records.entries()) {
      if (i % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      const {
        event_id: _e,
        producer_id: _p,
        producer_seq: _s,
        ingested_at: _i,
        service: _v,
        level,
        message,
        ...fields
      } = r;
      loggers[i % 3]!.log({
        ...fields,
        level: level === 'critical' ? 'error' : level === 'notice' ? 'info' : level,
        message,
      });
    }
    const reports = await Promise.all(producers.map((t) => t.close({ timeoutMs: 60_000 })));
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(50_000);
    expect(await count()).toBe(50_000);
    for (const t of producers) {
      const report = await verifySequences(client, names, { producer: t.producerId });
      expect(report.clean).toBe(true);
      expect(report.totals.records).toBeGreaterThan(16_000);
    }
  });

  it('delivers a trickle on the flush timer, without further logging or a flush call', async () => {
    const t = await transport({ flushIntervalMs: 200 });
    const arrived = delivered(t, 2);
    loggerFor(t).info('first of a trickle', { operation_type: 'sync_changes', status: 'success' });
    loggerFor(t).info('second of a trickle', { operation_type: 'sync_changes', status: 'success' });
    await arrived;
    expect(await count({ term: { producer_id: t.producerId } })).toBe(2);
  });

  it('dead-letters a record the mapping rejects, with the reason, and indexes the rest of its batch', async () => {
    // An index whose mapping disagrees with a record: onec_id as a number.
    await client.indices.create({
      index: `${prefix}-logs-2025.02`,
      body: {
        settings: { index: { creation_date: Date.UTC(2025, 1, 1) } },
        mappings: { properties: { onec_id: { type: 'long' } } },
      } as never,
    });
    const t = await transport();
    const logger = loggerFor(t);
    const at = '2025-02-10T10:00:00.000Z';
    logger.info('numeric 1C id', { '@timestamp': at, onec_id: '1001' });
    logger.info('Cyrillic 1C id', { '@timestamp': at, onec_id: 'ЦБ-000123' });
    logger.info('numeric 1C id', { '@timestamp': at, onec_id: '1002' });
    const report = await t.flush();
    expect(report).toMatchObject({ delivered: 2, deadLettered: 1 });
    expect(await count({ term: { producer_id: t.producerId } })).toBe(2);
    await client.indices.refresh({ index: names.deadLetter });
    const { body } = await client.search({
      index: names.deadLetter,
      body: { query: { term: { producer_id: t.producerId } } } as never,
    });
    const letter = (body.hits.hits as Array<{ _source: Record<string, unknown> }>)[0]?._source;
    expect(letter).toMatchObject({
      error_type: 'mapper_parsing_exception',
      status: 400,
      target_index: `${prefix}-logs-2025.02`,
      producer_seq: 1,
    });
    expect(String(letter?.raw)).toContain('ЦБ-000123');
    // The refused record's seq is accounted for by its dead letter: not a gap.
    const verify = await verifySequences(client, names, { producer: t.producerId });
    expect(verify.clean).toBe(true);
    expect(verify.producers[0]).toMatchObject({ first: 0, last: 2, records: 2, missing: 0, deadLettered: 1 });
  });

  it('never throws into the application on hostile values; each record is indexed, the refused values flagged', async () => {
    const t = await transport();
    const logger = loggerFor(t);
    const circular: Record<string, unknown> = { a: 1 };
    circular.me = circular;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 200; i++) deep = (deep.x = {}) as Record<string, unknown>;
    const calls = [
      () => logger.info('circular', { circular }),
      () => logger.info('bigint', { big: 2n ** 100n }),
      () => logger.info('10 MB string', { huge: 'ж'.repeat(10 * 1024 * 1024) }),
      () => logger.info('deep nesting', { root }),
      () => logger.info('invalid e-mail', { customer_email: 'not an e-mail @@ <x>' }),
      () => logger.info('control characters \u0000\u0007\u001b[31m', { details: { s: '\u0000\r\n\t' } }),
      () => logger.info('unknown operation type', { operation_type: 'teleport' }),
      () => logger.info('negative duration', { duration_ms: -5 }),
      () => logger.error(new Error('an error object as the message')),
      () => logger.info(undefined as unknown as string),
    ];
    for (const call of calls) expect(call).not.toThrow();
    const report = await t.flush();
    expect(report.delivered + report.deadLettered).toBe(calls.length);
    expect(report.dropped).toBe(0);
    const indexed = await count({ term: { producer_id: t.producerId } });
    await client.indices.refresh({ index: names.deadLetter });
    const { body } = await client.count({
      index: names.deadLetter,
      body: { query: { term: { producer_id: t.producerId } } } as never,
    });
    expect(indexed + body.count).toBe(calls.length);
    expect(body.count).toBe(0);
    // The unknown operation type and the negative duration are stored, flagged, the raw values kept.
    const flagged = await client.search({
      index: names.readAlias,
      body: {
        query: {
          bool: { filter: [{ term: { producer_id: t.producerId } }, { exists: { field: 'validation_issues' } }] },
        },
        sort: [{ producer_seq: 'asc' }],
      } as never,
    });
    const sources = (
      flagged.body.hits.hits as Array<{ _source: { validation_issues: string[]; invalid: Record<string, string> } }>
    ).map((h) => h._source);
    expect(sources.map((r) => [r.validation_issues, r.invalid])).toEqual([
      [['operation_type_unknown'], { operation_type: 'teleport' }],
      [['duration_ms_invalid'], { duration_ms: '-5' }],
    ]);
  });

  it('retries a batch OpenSearch accepted while the client lost the answer, without a duplicate', async () => {
    const proxy = await startFaultProxy(inject('opensearchUrl'));
    const proxied = createOpenSearchClient({ urls: [proxy.url] });
    try {
      const t = await transport({ client: proxied });
      proxy.mode = 'drop-response';
      proxy.times = 1;
      const logger = loggerFor(t);
      for (let i = 0; i < 200; i++) logger.info('accepted but unanswered', { details: { i } });
      const report = await t.flush();
      expect(proxy.counts['drop-response']).toBe(1);
      expect(report).toMatchObject({ delivered: 200, spooled: 0, dropped: 0 });
      expect(await count({ term: { producer_id: t.producerId } })).toBe(200);
      expect((await verifySequences(client, names, { producer: t.producerId })).clean).toBe(true);
    } finally {
      await proxy.close();
      await proxied.close();
    }
  });

  it('spools during an outage and replays in order when the cluster returns, exactly once', async () => {
    const proxy = await startFaultProxy(inject('opensearchUrl'));
    const proxied: OpenSearchClient = createOpenSearchClient({ urls: [proxy.url], requestTimeoutMs: 2_000 });
    try {
      const t = await transport({ client: proxied, initialBackoffMs: 10, maxBackoffMs: 50 });
      const outage = once(t, 'outage');
      proxy.match = '';
      proxy.mode = 'down';
      const logger = loggerFor(t);
      for (let i = 0; i < 500; i++) logger.info('during the outage', { details: { i } });
      await outage;
      const during = await t.flush();
      expect(during.spooled).toBe(500);
      expect(t.stats().spool.records).toBe(500);

      const back = delivered(t, 500);
      proxy.mode = 'pass';
      await once(t, 'recovered');
      await back;
      expect(await count({ term: { producer_id: t.producerId } })).toBe(500);
      const verify = await verifySequences(client, names, { producer: t.producerId });
      expect(verify.clean).toBe(true);
      expect(verify.producers[0]).toMatchObject({ first: 0, last: 499 });
    } finally {
      await proxy.close();
      await proxied.close();
    }
  });

  it('flushes and never throws when winston removes the transport and calls close() itself', async () => {
    const t = await transport({ flushIntervalMs: 60_000 });
    const logger = loggerFor(t);
    const arrived = delivered(t, 3);
    for (let i = 0; i < 3; i++) logger.info('before removal', { details: { i } });
    expect(() => logger.remove(t)).not.toThrow();
    await arrived;
    expect(await count({ term: { producer_id: t.producerId } })).toBe(3);
  });
});
