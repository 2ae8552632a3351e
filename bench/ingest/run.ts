/**
 * Ingest benchmark: the same records through raw bulk loaders (the ceiling), opensearch-js
 * `helpers.bulk`, synclog (a burst and a steady rate), winston with a no-op transport, and synclog's
 * peers, each in its own process and into its own fresh index; with the cores shared and, where
 * `taskset` runs, with OpenSearch and the contender pinned to a core each.
 *
 *   node --import tsx bench/ingest/run.ts [--records 200000] [--seed 1] [--time-limit 120]
 *                                         [--only synclog,helpers-bulk] [--modes shared,pinned]
 *                                         [--steady 0.7] [--cpu-prof DIR] [--cluster bench] [--keep-node]
 *
 * Progress goes to stderr, the tables to stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseRecord } from '../../shipper/record/normalise-record.ts';
import { grouped } from '../shared/format-table.ts';
import { startBenchCluster } from './bench-cluster.ts';
import { createContenderRunner } from './contender-runner.ts';
import { cpuSummary, ratiosTable } from './ingest-ratios.ts';
import { runMode, type IngestRun, type Mode } from './ingest-plan.ts';
import { contenderNotes, resultsTable } from './ingest-report.ts';
import { tasksetAvailable } from './pinning.ts';
import { winstonInfoOf } from './record-info.ts';
import { readRecordLines, writeRecordsFile } from './records-file.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    'time-limit': { type: 'string', default: '120' },
    chunk: { type: 'string', default: '1000' },
    'max-warmup': { type: 'string', default: '8' },
    only: { type: 'string' },
    modes: { type: 'string', default: 'shared,pinned' },
    steady: { type: 'string', default: '0.7' },
    'cpu-prof': { type: 'string' },
    cluster: { type: 'string', default: 'bench' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const count = Number(values.records);
const timeLimit = Number(values['time-limit']);
const progress = (line: string) => process.stderr.write(`[bench:ingest] ${line}\n`);
const canPin = tasksetAvailable();
const modes = values.modes
  .split(',')
  .filter((m): m is Mode => m === 'shared' || m === 'pinned')
  .filter((m) => m === 'shared' || canPin);
if (!canPin && values.modes.includes('pinned')) progress('taskset is not available: the pinned runs are skipped');

const workDir = mkdtempSync(join(tmpdir(), 'synclog-bench-ingest-'));
const file = join(workDir, 'records.ndjson');
progress(`generating ${grouped(count)} records (seed ${values.seed})…`);
const summary = writeRecordsFile(file, { seed: Number(values.seed), count });
const synclogBytes = synclogDocumentBytes(file);
progress(
  `records: ${grouped(summary.averageBytes)} B of JSON on average; synclog's own documents for them: ${grouped(synclogBytes)} B`,
);

const cluster = await startBenchCluster(progress, values.cluster);
const runner = createContenderRunner({
  cluster,
  file,
  workDir,
  count,
  timeLimitSeconds: timeLimit,
  chunk: Number(values.chunk),
  progress,
});
const runs: IngestRun[] = [];
const warmups: string[] = [];
try {
  for (const mode of modes) {
    const outcome = await runMode(runner, mode, cluster.pid, {
      only: values.only ? values.only.split(',') : null,
      maxWarmup: Number(values['max-warmup']),
      steadyFraction: Number(values.steady),
      profileArgs: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : null,
      progress,
    });
    runs.push(...outcome.runs);
    warmups.push(`${mode}: ${outcome.warmup.map((v) => grouped(v)).join(' → ')} docs/s`);
  }
} finally {
  if (cluster.reused || values['keep-node']) await cluster.client.close();
  else await cluster.stop();
  rmSync(file, { force: true });
}

console.log(
  `## Ingest: ${grouped(count)} records, ${grouped(summary.averageBytes)} B JSON each (synclog's documents ${grouped(synclogBytes)} B), seed ${values.seed}`,
);
console.log(
  `node ${process.version}; local OpenSearch "${values.cluster}" (1 node, 512 MB heap); time limit ${timeLimit} s per contender; ` +
    `server CPU ${cluster.pid === null ? 'not measured (node process not found)' : `from /proc/${cluster.pid}/stat`}`,
);
console.log(`warm-up (raw loader, unreported): ${warmups.join('; ')}`);
for (const mode of modes) {
  const title =
    mode === 'shared'
      ? 'cores shared (OpenSearch and the contender on both cores)'
      : 'pinned apart (OpenSearch on core 0, the contender on core 1)';
  console.log(`\n### ${title}\n`);
  console.log(resultsTable(runs.filter((r) => r.mode === mode)));
}
console.log('');
console.log(ratiosTable(runs));
console.log('');
console.log(cpuSummary(runs));
console.log('');
console.log(contenderNotes(runs));
if (values['cpu-prof']) console.log(`\nCPU profiles of the synclog burst runs: ${values['cpu-prof']}`);
console.log(`\nchild process logs: ${workDir}`);

/** The size of what synclog itself stores for the same records (it adds its own envelope), from a sample. */
function synclogDocumentBytes(path: string): number {
  const lines = readRecordLines(path, 2_000);
  const context = { now: Date.now(), producerId: 'bench-0000', producerSeq: 0, service: { name: 'bench' } };
  let bytes = 0;
  for (let i = 0; i < lines.count; i++) {
    const normalised = normaliseRecord(winstonInfoOf(lines.record(i)), { ...context, producerSeq: i });
    if (!normalised.ok) throw new Error(`record ${i} does not survive synclog's normalisation: ${normalised.reason}`);
    bytes += Buffer.byteLength(JSON.stringify(normalised.record));
  }
  return bytes / Math.max(1, lines.count);
}
