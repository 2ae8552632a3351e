/**
 * Outage benchmark: an application logs at a steady rate while its OpenSearch node is stopped for
 * a minute and started again. Reports the producer's memory against its configured queue cap, its
 * CPU and health checks while the node is down, how soon delivery gets back to its earlier rate
 * once the node answers, and whether every record arrived exactly once.
 *
 *   node --import tsx bench/outage/run.ts [--rate 3000] [--before 20] [--outage 60] [--after 40]
 *                                         [--max-queue-mb 32] [--keep-node]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localClusterOptions } from '../../cli/local-cluster-options.ts';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { deleteLocalCluster, startLocalCluster, stopLocalCluster } from '../../opensearch/local/local-cluster.ts';
import { freePort } from '../../opensearch/local/ports.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { verifySequences } from '../../shipper/verify/verify-sequences.ts';
import { prepareTarget } from '../ingest/bench-cluster.ts';
import { RECORDS_FROM } from '../ingest/records-file.ts';
import { runChild } from '../shared/run-child.ts';
import { outageReport } from './outage-report.ts';
import type { ProducerResult } from './producer-result.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '3000' },
    before: { type: 'string', default: '20' },
    outage: { type: 'string', default: '60' },
    after: { type: 'string', default: '40' },
    'max-queue-mb': { type: 'string', default: '32' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const progress = (line: string) => process.stderr.write(`[bench:outage] ${line}\n`);
const seconds = (name: 'before' | 'outage' | 'after') => Number(values[name]);
const PRODUCER_SCRIPT = fileURLToPath(new URL('./producer.ts', import.meta.url));
const prefix = 'bench-outage';

// Its own node on a fixed port: the producer's client keeps one URL across the restart.
const options = { ...localClusterOptions(process.env), name: 'bench-outage', port: await freePort(), log: progress };
const started = await startLocalCluster(options);
const client = createOpenSearchClient({ urls: [started.url], requestTimeoutMs: 120_000 });
const workDir = mkdtempSync(join(tmpdir(), 'synclog-bench-outage-'));
try {
  await prepareTarget(client, prefix, RECORDS_FROM);
  // Logging lasts past the node's restart (about 12 s) by `--after` seconds.
  const loggingSeconds = seconds('before') + seconds('outage') + 15 + seconds('after');
  const startAt = Date.now() + 5_000;
  const args = [
    '--url',
    started.url,
    '--prefix',
    prefix,
    '--spool-dir',
    join(workDir, 'spool'),
    '--start-at',
    String(startAt),
    '--seconds',
    String(loggingSeconds),
    '--rate',
    values.rate,
    '--max-queue-mb',
    values['max-queue-mb'],
  ];
  progress(
    `producer logs ${values.rate} records/s for ${loggingSeconds} s; the node stops ${seconds('before')} s in, for ${seconds('outage')} s`,
  );
  const producer = runChild<ProducerResult>(PRODUCER_SCRIPT, args, {
    timeoutMs: (loggingSeconds + 600) * 1000,
    stderrFile: join(workDir, 'producer.stderr.log'),
  });

  await sleepUntil(startAt + seconds('before') * 1000);
  const stoppingAt = Date.now();
  await stopLocalCluster(options);
  progress(`node stopped (${((Date.now() - stoppingAt) / 1000).toFixed(1)} s to stop)`);
  await sleepUntil(stoppingAt + seconds('outage') * 1000);
  const restartingAt = Date.now();
  await startLocalCluster(options);
  const readyAt = Date.now();
  progress(
    `node answering again ${((readyAt - restartingAt) / 1000).toFixed(1)} s after its start; waiting for the producer`,
  );

  const outcome = await producer;
  if (!outcome.result)
    throw new Error(`the producer failed (exit ${outcome.exitCode}): ${outcome.stderrTail.join(' | ')}`);
  const names = indexNames(prefix);
  await client.indices.refresh({ index: names.logsPattern });
  const counted = Number((await client.count({ index: names.logsPattern })).body.count);
  const sequences = await verifySequences(client, names);
  console.log(
    outageReport({
      producer: outcome.result,
      rate: Number(values.rate),
      stoppingAt,
      restartingAt,
      readyAt,
      counted,
      sequences,
    }),
  );
} finally {
  await client.close();
  if (values['keep-node']) await stopLocalCluster(options);
  else await deleteLocalCluster(options);
  rmSync(workDir, { recursive: true, force: true });
}

async function sleepUntil(at: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}
