import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOpenSearchClient, type OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { startFaultProxy, type FaultProxy } from '../../test/fault-proxy.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { publicKeyFromPem } from '../../opensearch/integrity/signing-key.ts';
import { readCheckpointFiles } from '../verify/checkpoint-files.ts';
import { verifyIntegrity } from '../verify/verify-integrity.ts';
import { verifySequences, type ProducerSequence } from '../verify/verify-sequences.ts';
import type { LogChildEnv } from './fixtures/log-child.ts';
import { segmentFilesUnder, startLogChild, type LogChild } from './fixtures/log-child-process.ts';
import { OpenSearchTransport } from './opensearch-transport.ts';

const url = inject('opensearchUrl');
const client = testClient();
const prefix = uniquePrefix('crash');
const names = indexNames(prefix);
const children: LogChild[] = [];
const proxies: FaultProxy[] = [];
const spoolDirs: string[] = [];

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
});
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.process.exitCode === null && child.process.signalCode === null) await child.kill();
  for (const proxy of proxies.splice(0)) await proxy.close();
});
afterAll(async () => {
  await dropPrefix(client, prefix);
  await client.close();
  for (const dir of spoolDirs) await rm(dir, { recursive: true, force: true });
});

async function freshSpoolDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'synclog-crash-'));
  spoolDirs.push(dir);
  return dir;
}

/** An application process logging through the transport (see fixtures/log-child.ts). */
function startApp(env: Omit<LogChildEnv, 'LOG_CHILD_URL' | 'LOG_CHILD_PREFIX'> & { LOG_CHILD_URL?: string }): LogChild {
  const child = startLogChild({ LOG_CHILD_URL: url, LOG_CHILD_PREFIX: prefix, ...env });
  children.push(child);
  return child;
}

/** What the application's next start does: a new transport on the same spool directory, closed at once. */
async function restartOn(spoolDir: string, options: { writeAhead?: boolean; client?: OpenSearchClient } = {}) {
  const transport = new OpenSearchTransport({
    client: options.client ?? client,
    service: 'crash-test',
    producerName: 'restarted',
    indexPrefix: prefix,
    spoolDir,
    writeAhead: options.writeAhead ?? false,
  });
  let delivered = 0;
  const warnings: string[] = [];
  transport.on('delivered', (event: { records: number }) => (delivered += event.records));
  transport.on('warning', (event: { message: string }) => warnings.push(event.message));
  const report = await transport.close({ timeoutMs: 60_000 });
  return { report, delivered, warnings };
}

/** `synclog verify` of one producer, with the key and the checkpoint copies its spool directory keeps. */
async function killedProducerIntegrity(spoolDir: string, producerId: string) {
  await client.indices.refresh({ index: `${prefix}-*` });
  const { keyId, publicKey } = publicKeyFromPem(
    await readFile(join(spoolDir, 'checkpoints', 'signing-key.pub.pem'), 'utf8'),
  );
  const report = await verifyIntegrity(client, names, {
    keys: new Map([[keyId, publicKey]]),
    files: await readCheckpointFiles([spoolDir]),
    producer: producerId,
  });
  const producers = report.lineages.flatMap((l) => l.producers);
  expect(producers.map((p) => p.producerId)).toEqual([producerId]);
  return producers[0]!;
}

const NOTHING_STORED: Omit<ProducerSequence, 'producerId'> = {
  first: -1,
  last: -1,
  records: 0,
  missing: 0,
  duplicates: 0,
  deadLettered: 0,
  gaps: [],
  gapsTruncated: false,
  repeats: [],
  repeatsTruncated: false,
};

/** The producer's stored sequence, exact (gaps and repeats), after a refresh. */
async function storedSequence(producer: string): Promise<Omit<ProducerSequence, 'producerId'>> {
  await client.indices.refresh({ index: names.logsPattern, allow_no_indices: true, ignore_unavailable: true } as never);
  const report = await verifySequences(client, names, { producer });
  return report.producers[0] ?? NOTHING_STORED;
}

/** How many records of the producer with a seq in [0, last] are stored. */
async function storedUpTo(producer: string, last: number): Promise<number> {
  await client.indices.refresh({ index: names.logsPattern, allow_no_indices: true, ignore_unavailable: true } as never);
  const { body } = await client.count({
    index: names.logsPattern,
    allow_no_indices: true,
    body: {
      query: { bool: { filter: [{ term: { producer_id: producer } }, { range: { producer_seq: { lte: last } } }] } },
    },
  });
  return body.count;
}

/** `details.i` of the stored record with this seq: the record the application logged as number i. */
async function detailsIOf(producer: string, seq: number): Promise<unknown> {
  const { body } = await client.search({
    index: names.readAlias,
    body: { query: { bool: { filter: [{ term: { producer_id: producer } }, { term: { producer_seq: seq } }] } } },
  });
  const hits = body.hits.hits as Array<{ _source: { details?: { i?: unknown } } }>;
  return hits.map((h) => Number(h._source.details?.i));
}

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

describe('an application process that exits or crashes while logging through OpenSearchTransport', () => {
  it('has every record searchable, once, after it closes the transport and exits', async () => {
    const spoolDir = await freshSpoolDir();
    const app = startApp({ LOG_CHILD_MODE: 'close', LOG_CHILD_COUNT: '5000', LOG_CHILD_SPOOL_DIR: spoolDir });
    const producer = await app.producerId();
    const closed = await app.line(/^closed /);
    expect(await app.closed).toEqual({ code: 0, signal: null });
    expect(JSON.parse(closed.slice('closed '.length))).toEqual({
      delivered: 5000,
      spooled: 0,
      deadLettered: 0,
      dropped: 0,
      undelivered: 0,
    });

    expect(await storedSequence(producer)).toMatchObject({
      first: 0,
      last: 4999,
      records: 5000,
      missing: 0,
      duplicates: 0,
    });
    expect(await detailsIOf(producer, 4999)).toEqual([4999]);
    expect(segmentFilesUnder(spoolDir)).toEqual([]);
  });

  it('has what it spooled during an outage replayed by its next start, every record exactly once', async () => {
    const spoolDir = await freshSpoolDir();
    const proxy = await startFaultProxy(url);
    proxies.push(proxy);
    proxy.match = '';
    proxy.mode = 'down';
    const app = startApp({
      LOG_CHILD_URL: proxy.url,
      LOG_CHILD_MODE: 'flush-and-hang',
      LOG_CHILD_COUNT: '3000',
      LOG_CHILD_BATCH_RECORDS: '500',
      LOG_CHILD_SPOOL_DIR: spoolDir,
    });
    const producer = await app.producerId();
    const flushed = await app.line(/^flushed /);
    expect(JSON.parse(flushed.slice('flushed '.length))).toEqual({
      delivered: 0,
      spooled: 3000,
      deadLettered: 0,
      dropped: 0,
    });
    await app.kill();
    expect(app.lines).toContain('spooled 3000');
    expect(segmentFilesUnder(spoolDir)).not.toEqual([]);
    expect(await storedSequence(producer)).toEqual(NOTHING_STORED);

    proxy.mode = 'pass';
    const viaProxy = createOpenSearchClient({ urls: [proxy.url] });
    try {
      const restarted = await restartOn(spoolDir, { client: viaProxy });
      expect(restarted.delivered).toBe(3000);
      expect(restarted.warnings).toEqual([]);
    } finally {
      await viaProxy.close();
    }
    expect(await storedSequence(producer)).toMatchObject({
      first: 0,
      last: 2999,
      records: 3000,
      missing: 0,
      duplicates: 0,
    });
    expect(await detailsIOf(producer, 2999)).toEqual([2999]);
    expect(segmentFilesUnder(spoolDir)).toEqual([]);
  });

  it('loses nothing log() returned for, and duplicates nothing, when killed at a random point in write-ahead mode (three rounds)', async () => {
    // One directory for every round, as an application restarting on the same host would use.
    const spoolDir = await freshSpoolDir();
    for (let round = 1; round <= 3; round++) {
      const killAfter = randomInt(5, 30);
      // The last restart does not write ahead itself: it must still replay what the crashed one left.
      const restartWritesAhead = round < 3;
      const label = `round ${round}, SIGKILL after ${killAfter} "logged" lines, restart ${restartWritesAhead ? 'with' : 'without'} write-ahead`;
      console.log(`write-ahead crash test: ${label}`);
      const app = startApp({
        LOG_CHILD_MODE: 'forever',
        LOG_CHILD_WRITE_AHEAD: 'true',
        LOG_CHILD_BATCH_RECORDS: '200',
        LOG_CHILD_SPOOL_DIR: spoolDir,
      });
      const producer = await app.producerId();
      await app.linesMatching(/^logged \d+$/, killAfter);
      await app.kill();
      const lastPrinted = app.lastLogged();
      expect(lastPrinted, label).toBeGreaterThanOrEqual(killAfter * 100 - 1);
      const storedBefore = await storedUpTo(producer, lastPrinted);

      const restarted = await restartOn(spoolDir, { writeAhead: restartWritesAhead });
      expect(restarted.warnings, label).toEqual([]);
      const stored = await storedSequence(producer);
      console.log(
        `write-ahead crash test: ${label}: ${lastPrinted + 1} logged and printed, ${storedBefore} of them stored before the restart, ${stored.records} records after`,
      );
      // Records logged after the last line printed may be stored too: write-ahead keeps them all.
      expect(stored.last, label).toBeGreaterThanOrEqual(lastPrinted);
      expect(stored, label).toMatchObject({ first: 0, records: stored.last + 1, missing: 0, duplicates: 0 });
      expect(await detailsIOf(producer, lastPrinted), label).toEqual([lastPrinted]);
      expect(segmentFilesUnder(spoolDir), label).toEqual([]);
    }
  });

  it('loses at most maxQueueRecords + maxInFlight × batchRecords, and duplicates nothing, when killed without write-ahead', async () => {
    const spoolDir = await freshSpoolDir();
    const bounds = { maxQueueRecords: 2_000, batchRecords: 500, maxInFlight: 2 };
    // Far more records than the bound, so that the bound says something.
    const killAfter = randomInt(100, 200);
    console.log(`no-write-ahead crash test: SIGKILL after ${killAfter} "logged" lines`);
    const app = startApp({
      LOG_CHILD_MODE: 'forever',
      LOG_CHILD_SPOOL_DIR: spoolDir,
      LOG_CHILD_MAX_QUEUE_RECORDS: String(bounds.maxQueueRecords),
      LOG_CHILD_BATCH_RECORDS: String(bounds.batchRecords),
      LOG_CHILD_MAX_IN_FLIGHT: String(bounds.maxInFlight),
    });
    const producer = await app.producerId();
    await app.linesMatching(/^logged \d+$/, killAfter);
    await app.kill();
    const lastPrinted = app.lastLogged();

    const restarted = await restartOn(spoolDir);
    expect(restarted.warnings).toEqual([]);
    const stored = await storedSequence(producer);
    expect(stored.duplicates).toBe(0);
    const lost = lastPrinted + 1 - (await storedUpTo(producer, lastPrinted));
    console.log(
      `no-write-ahead crash test: ${lastPrinted + 1} logged and printed, ${lost} lost, ${app.lines.filter((l) => l.startsWith('spooled')).length} spills to disk`,
    );
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThanOrEqual(bounds.maxQueueRecords + bounds.maxInFlight * bounds.batchRecords);
    expect(await detailsIOf(producer, stored.first)).toEqual([stored.first]);

    // What the kill lost lies after the last checkpoint: verify finds nothing, and calls the tail
    // unverifiable. The restarted producer, of another name here, is not its successor.
    const report = await killedProducerIntegrity(spoolDir, producer);
    console.log(
      `no-write-ahead crash test: ${report.checkpoints.valid} valid checkpoints, unverifiable ${JSON.stringify(report.unverifiable)}`,
    );
    expect(report.findings).toEqual([]);
    expect(report.checkpoints.final).toBeNull();
    expect(report.checkpoints.valid).toBeGreaterThan(1);
    expect(report.records).toBe(stored.records);
  });
});
