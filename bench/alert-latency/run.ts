/**
 * Alert latency: the time from an application logging a burst of errors (winston and synclog's
 * transport) to the firing webhook arriving, through a real `synclog serve` process whose built-in
 * evaluator runs on its schedule. Each trial bursts errors of another operation type, so each is
 * a new alert; the schedule (default every 15 s) is what mostly decides the latency.
 *
 *   node --import tsx bench/alert-latency/run.ts [--schedule "*\/15 * * * * *"] [--trials 6] [--keep-node]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import winston from 'winston';
import { freePort } from '../../opensearch/local/ports.ts';
import { OPERATION_TYPES } from '../../opensearch/record/vocabulary.ts';
import { createCustomerSyncLogger, OpenSearchTransport } from '../../shipper/index.ts';
import { startWebhookReceiver } from '../../test/webhook-receiver.ts';
import { startBenchCluster } from '../ingest/bench-cluster.ts';
import { fixed, formatTable } from '../shared/format-table.ts';

const { values } = parseArgs({
  options: {
    schedule: { type: 'string', default: '*/15 * * * * *' },
    trials: { type: 'string', default: '6' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const trials = Math.min(Number(values.trials), OPERATION_TYPES.length);
const progress = (line: string) => process.stderr.write(`[bench:alert-latency] ${line}\n`);
const prefix = 'bench-alerts';

const cluster = await startBenchCluster(progress);
// A fresh prefix: alert state left by an earlier run would make its alerts already firing.
const dropAll = () =>
  cluster.client.indices
    .delete({ index: `${prefix}-*`, expand_wildcards: 'all', ignore_unavailable: true } as never)
    .catch(() => {});
await dropAll();
const receiver = await startWebhookReceiver();
const { PATH, HOME } = process.env;
const service = spawn(process.execPath, ['bin/synclog.js', 'serve'], {
  env: {
    PATH,
    HOME,
    OPENSEARCH_URL: cluster.url,
    SYNCLOG_INDEX_PREFIX: prefix,
    SYNCLOG_HOME: mkdtempSync(join(tmpdir(), 'synclog-bench-alerts-')),
    PORT: String(await freePort()),
    SYNCLOG_ALERT_RULES: JSON.stringify([{ name: 'burst', kind: 'error_burst', threshold: 10, window_minutes: 1 }]),
    SYNCLOG_ALERT_WEBHOOKS: receiver.url,
    SYNCLOG_SCHEDULE: JSON.stringify({ alerts: { cron: values.schedule } }),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: service.stdout! }).on('line', (line) => line.includes('is serving on') && resolve());
    service.once('exit', () => reject(new Error('synclog serve exited')));
  });
  const transport = new OpenSearchTransport({
    client: cluster.client,
    service: 'bench-app',
    indexPrefix: prefix,
    spoolDir: mkdtempSync(join(tmpdir(), 'synclog-bench-spool-')),
  });
  const sync = createCustomerSyncLogger({ logger: winston.createLogger({ transports: [transport] }) });
  const rows: string[][] = [];
  const latencies: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const type = OPERATION_TYPES[trial]!;
    const key = `synclog:burst:${type}`;
    const started = performance.now();
    for (let i = 0; i < 12; i++)
      sync.logSyncError({
        operationType: type,
        error: new Error(`1C answered 503 (${type} ${i})`),
        customer: { id: `c-${i}`, name: 'bench' },
      });
    // Earlier trials' alerts resolve meanwhile: wait for this trial's firing event.
    const firingOf = () =>
      receiver.received
        .map((r) => JSON.parse(r.body) as { dedup_key: string; state: string })
        .find((e) => e.dedup_key === key && e.state === 'firing');
    while (!firingOf()) await receiver.waitFor(receiver.received.length + 1);
    const ms = performance.now() - started;
    const event = firingOf()!;
    latencies.push(ms);
    rows.push([String(trial + 1), event.dedup_key, event.state, fixed(ms / 1000, 1)]);
    progress(`trial ${trial + 1}: ${fixed(ms / 1000, 1)} s`);
  }
  await transport.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `## Alert latency: record logged → firing webhook received, built-in evaluator on "${values.schedule}", ${trials} trials\n`,
  );
  console.log(formatTable(['trial', 'alert', 'event', 'seconds'], rows));
  console.log(
    `\nmedian ${fixed(sorted[Math.floor(sorted.length / 2)]! / 1000, 1)} s, max ${fixed(sorted.at(-1)! / 1000, 1)} s (the schedule's period bounds the wait; the rest is shipping, refresh and the evaluation)`,
  );
} finally {
  service.kill('SIGTERM');
  await receiver.close();
  await dropAll();
  if (cluster.reused || values['keep-node']) await cluster.client.close();
  else await cluster.stop();
}
