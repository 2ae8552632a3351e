/**
 * Freshness benchmark: how long from a log call until the record can be found by a search, through
 * a default winston logger and OpenSearchTransport, at 1,000 records/s and at half the ceiling a raw
 * bulk loader reaches on the same node in the same run.
 *
 *   node --import tsx bench/freshness/run.ts [--rate 1000] [--seconds 30] [--poll-ms 25]
 *                                            [--ceiling-seconds 20] [--ceiling-records 100000] [--keep-node]
 *
 * Progress goes to stderr, the tables to stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { localClusterOptions } from '../../cli/local-cluster-options.ts';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { deleteLocalCluster, startLocalCluster, stopLocalCluster } from '../../opensearch/local/local-cluster.ts';
import { readRecordLines, writeRecordsFile } from '../ingest/records-file.ts';
import { grouped } from '../shared/format-table.ts';
import { measureCeiling } from './ceiling.ts';
import { freshnessReport } from './freshness-report.ts';
import { runPhase, type PhaseResult } from './phase.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    'poll-ms': { type: 'string', default: '25' },
    'ceiling-seconds': { type: 'string', default: '20' },
    'ceiling-records': { type: 'string', default: '100000' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const progress = (line: string) => process.stderr.write(`[bench:freshness] ${line}\n`);
const seconds = Number(values.seconds);
const pollMs = Number(values['poll-ms']);
const loadBefore = loadavg();

// A node of its own: the watcher's polls and the loads never meet another benchmark's work.
const options = { ...localClusterOptions(process.env), name: 'bench-freshness', port: undefined, log: progress };
const started = await startLocalCluster(options);
const client = createOpenSearchClient({ urls: [started.url], requestTimeoutMs: 120_000 });
const workDir = mkdtempSync(join(tmpdir(), 'synclog-bench-freshness-'));
try {
  const file = join(workDir, 'records.ndjson');
  progress(`generating ${grouped(Number(values['ceiling-records']))} records for the raw loader…`);
  writeRecordsFile(file, { seed: 1, count: Number(values['ceiling-records']) });
  const ceiling = await measureCeiling({
    client,
    url: started.url,
    lines: readRecordLines(file),
    seconds: Number(values['ceiling-seconds']),
    maxPasses: 8,
    progress,
  });
  rmSync(file, { force: true });
  const loads = [
    { label: `${grouped(Number(values.rate))} records/s`, prefix: 'bench-freshness-rate', rate: Number(values.rate) },
    { label: 'half the raw ceiling', prefix: 'bench-freshness-half', rate: Math.round(ceiling.docsPerSecond / 2) },
  ];
  const phases: PhaseResult[] = [];
  for (const load of loads) {
    progress(`${load.label}: logging ${grouped(load.rate)} records/s for ${seconds} s…`);
    const phase = await runPhase({ client, url: started.url, ...load, seconds, pollMs, workDir });
    progress(
      `${load.label}: p50 ${grouped(phase.latency.p50)} ms, p95 ${grouped(phase.latency.p95)} ms, ${grouped(phase.latency.count)}/${grouped(phase.producer.logged)} seen`,
    );
    phases.push(phase);
  }
  console.log(freshnessReport({ ceiling, phases, pollMs, loadBefore, loadAfter: loadavg() }));
  console.log(`\nproducer logs: ${workDir}`);
} finally {
  await client.close();
  if (values['keep-node']) await stopLocalCluster(options);
  else await deleteLocalCluster(options);
}
