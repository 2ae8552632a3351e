import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import winston from 'winston';
import { localClusterOptions } from '../../cli/local-cluster-options.ts';
import { createOpenSearchClient, type OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import {
  deleteLocalCluster,
  localClusterStatus,
  startLocalCluster,
  type LocalClusterOptions,
} from '../../opensearch/local/local-cluster.ts';
import { freePort } from '../../opensearch/local/ports.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { verifySequences } from '../verify/verify-sequences.ts';
import { segmentFilesUnder } from './fixtures/log-child-process.ts';
import { OpenSearchTransport } from './opensearch-transport.ts';

// This file kills OpenSearch, so it runs its own node, never the run's shared one. A fixed port
// keeps the URL the transport knows across restarts.
const base = localClusterOptions(process.env);
const clusterName = `it-node-kill-${randomBytes(3).toString('hex')}`;
const prefix = `t-node-kill-${randomBytes(4).toString('hex')}`;
const names = indexNames(prefix);
let options: LocalClusterOptions;
let client: OpenSearchClient;
let spoolDir: string;

beforeAll(async () => {
  options = { ...base, name: clusterName, port: await freePort() };
  const started = await startLocalCluster(options);
  console.log(`node-kill: own node ${started.url} started in ${(started.startMs / 1000).toFixed(1)} s`);
  client = createOpenSearchClient({ urls: [started.url] });
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  spoolDir = await mkdtemp(join(tmpdir(), 'synclog-node-kill-'));
});
afterAll(async () => {
  await client?.close();
  await deleteLocalCluster({ ...base, name: clusterName });
  if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
});

async function nodePid(): Promise<number> {
  const node = (await localClusterStatus(options)).nodes[0];
  expect(node?.state).toBe('running');
  return node!.pid!;
}

describe('OpenSearchTransport while its OpenSearch node is SIGKILLed and restarted', () => {
  it('delivers every record of a steady stream exactly once across two node kills', async () => {
    const began = Date.now();
    const elapsed = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
    const transport = new OpenSearchTransport({
      client,
      service: 'node-kill-test',
      producerName: 'node-kill',
      indexPrefix: prefix,
      spoolDir,
      batchRecords: 1_000,
    });
    const losses: string[] = [];
    let delivered = 0;
    transport.on('delivered', (event: { records: number }) => (delivered += event.records));
    transport.on('dropped', (event: { records: number; reason: string }) =>
      losses.push(`dropped ${event.records} (${event.reason})`),
    );
    transport.on('dead-letter', (event: { records: number; reason: string }) =>
      losses.push(`dead-lettered ${event.records} (${event.reason})`),
    );
    transport.on('outage', () => console.log(`node-kill: outage at ${elapsed()}`));
    transport.on('recovered', () => console.log(`node-kill: recovered at ${elapsed()}`));
    const logger = winston.createLogger({ transports: [transport] });

    let logged = 0;
    /** Logs up to record `end` in chunks, yielding between chunks; SIGKILLs `kill.pid` once `kill.at` records are logged. */
    async function logUntil(end: number, kill?: { at: number; pid: number }) {
      while (logged < end) {
        const stop = Math.min(logged + 200, end, kill && logged < kill.at ? kill.at : Infinity);
        for (; logged < stop; logged++) logger.info('node-kill test record', { details: { i: logged } });
        if (kill && logged === kill.at) {
          process.kill(kill.pid, 'SIGKILL');
          console.log(`node-kill: node SIGKILLed at ${elapsed()} after ${logged} records, ${delivered} delivered`);
        }
        await nextTurn();
      }
    }
    async function deliveredAtLeast(count: number) {
      while (delivered < count) await once(transport, 'delivered');
    }

    // 1. The node is up and taking batches.
    await logUntil(6_000);
    await deliveredAtLeast(2_000);

    // 2. It dies in the middle of the stream, with batches queued and in flight.
    let outage = once(transport, 'outage');
    await logUntil(14_000, { at: 8_000, pid: await nodePid() });
    await outage;

    // 3. The application keeps logging while the node restarts.
    let recovered = once(transport, 'recovered');
    let restart = startLocalCluster(options);
    await logUntil(20_000);
    expect((await restart).reused).toBe(false);
    console.log(`node-kill: node restarted at ${elapsed()}`);
    await recovered;

    // 4. It dies again, while the spooled records are being replayed.
    await once(transport, 'delivered');
    outage = once(transport, 'outage');
    await logUntil(28_000, { at: 22_000, pid: await nodePid() });
    await outage;

    recovered = once(transport, 'recovered');
    restart = startLocalCluster(options);
    await logUntil(34_000);
    expect((await restart).reused).toBe(false);
    console.log(`node-kill: node restarted at ${elapsed()}`);
    await recovered;

    // 5. The stream ends and the application closes the transport.
    await logUntil(40_000);
    const report = await transport.close({ timeoutMs: 120_000 });
    console.log(`node-kill: closed at ${elapsed()}: ${JSON.stringify(report)}`);

    expect(losses).toEqual([]);
    expect(report).toMatchObject({ deadLettered: 0, dropped: 0, undelivered: 0 });
    expect(report.delivered + report.spooled).toBe(40_000);
    expect(segmentFilesUnder(spoolDir)).toEqual([]);
    await client.indices.refresh({ index: names.logsPattern });
    const sequences = await verifySequences(client, names, { producer: transport.producerId });
    expect(sequences.producers).toHaveLength(1);
    expect(sequences.producers[0]).toMatchObject({
      first: 0,
      last: 39_999,
      records: 40_000,
      missing: 0,
      duplicates: 0,
    });
    expect(sequences.clean).toBe(true);
  }, 240_000);
});
