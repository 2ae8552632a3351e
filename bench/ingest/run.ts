/**
 * Ingest benchmark: the same records through a raw bulk loader (the ceiling), synclog and its peers,
 * each in its own process and into its own fresh index; docs/s until every document is counted.
 *
 *   node --import tsx bench/ingest/run.ts [--records 200000] [--seed 1] [--time-limit 120]
 *                                         [--only synclog,winston-opensearch] [--keep-node]
 *
 * Progress goes to stderr, the tables to stdout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { normaliseRecord } from '../../shipper/record/normalise-record.ts';
import { grouped } from '../shared/format-table.ts';
import { runChild } from '../shared/run-child.ts';
import { dropTarget, prepareTarget, startBenchCluster } from './bench-cluster.ts';
import type { ContenderResult } from './contender-result.ts';
import { contenderNotes, ratiosTable, resultsTable, type IngestRun } from './ingest-report.ts';
import { winstonInfoOf } from './record-info.ts';
import { readRecordLines, RECORDS_FROM, writeRecordsFile } from './records-file.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    'time-limit': { type: 'string', default: '120' },
    chunk: { type: 'string', default: '1000' },
    'max-warmup': { type: 'string', default: '8' },
    only: { type: 'string' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const count = Number(values.records);
const timeLimit = Number(values['time-limit']);
const progress = (line: string) => process.stderr.write(`[bench:ingest] ${line}\n`);
const CONTENDER_SCRIPT = fileURLToPath(new URL('./contender.ts', import.meta.url));
const PEERS = [
  { name: 'synclog', label: 'synclog' },
  { name: 'winston-opensearch', label: 'winston-opensearch' },
  { name: 'pino-opensearch', label: 'pino-opensearch' },
  { name: 'pino-opensearch-workaround', label: 'pino-opensearch (workaround)' },
].filter((c) => !values.only || values.only.split(',').includes(c.name));

const workDir = mkdtempSync(join(tmpdir(), 'synclog-bench-ingest-'));
const file = join(workDir, 'records.ndjson');
progress(`generating ${grouped(count)} records (seed ${values.seed})…`);
const summary = writeRecordsFile(file, { seed: Number(values.seed), count });
const synclogBytes = synclogDocumentBytes(file);
progress(
  `records: ${grouped(summary.averageBytes)} B of JSON on average; synclog's own documents for them: ${grouped(synclogBytes)} B`,
);

const cluster = await startBenchCluster(progress);
const runs: IngestRun[] = [];
let warmup: number[] = [];
try {
  warmup = await warmUp(Number(values['max-warmup']));
  runs.push({ label: 'raw (first)', result: await runContender('raw', 'bench-raw-first') });
  for (const peer of PEERS)
    runs.push({ label: peer.label, result: await runContender(peer.name, `bench-${peer.name}`) });
  runs.push({ label: 'raw (last)', result: await runContender('raw', 'bench-raw-last') });
} finally {
  if (cluster.reused || values['keep-node']) await cluster.client.close();
  else await cluster.stop();
  rmSync(file, { force: true });
}

console.log(
  `## Ingest: ${grouped(count)} records, ${grouped(summary.averageBytes)} B JSON each (synclog's documents ${grouped(synclogBytes)} B), seed ${values.seed}`,
);
console.log(
  `node ${process.version}; local OpenSearch "bench" (1 node, 512 MB heap); time limit ${timeLimit} s per contender`,
);
console.log(`warm-up (raw loader, unreported): ${warmup.map((v) => grouped(v)).join(' → ')} docs/s\n`);
console.log(resultsTable(runs));
console.log('');
console.log(ratiosTable(runs));
console.log('');
console.log(contenderNotes(runs));
console.log(`\nchild process logs: ${workDir}`);

/** Raw passes, unreported, until two in a row agree within 5 %: a fresh node indexes at half speed. */
async function warmUp(maxPasses: number): Promise<number[]> {
  const rates: number[] = [];
  for (let pass = 1; pass <= maxPasses; pass++) {
    const result = await runContender('raw', 'bench-warm');
    rates.push(result.docsPerSecond ?? 0);
    const [a, b] = rates.slice(-2);
    const agree = rates.length >= 2 && Math.abs(a! - b!) <= 0.05 * Math.max(a!, b!);
    progress(
      `warm-up pass ${pass}: ${grouped(result.docsPerSecond ?? 0)} docs/s${agree ? ' (agrees with the previous pass within 5 %)' : ''}`,
    );
    if (agree) return rates;
  }
  progress(`warm-up: no two passes agreed within 5 % in ${maxPasses}; the numbers below may drift`);
  return rates;
}

async function runContender(name: string, prefix: string): Promise<ContenderResult> {
  const index = await prepareTarget(cluster.client, prefix, RECORDS_FROM);
  const args = [
    name,
    '--file',
    file,
    '--url',
    cluster.url,
    '--prefix',
    prefix,
    '--index',
    index,
    '--time-limit',
    String(timeLimit),
    '--chunk',
    values.chunk,
  ];
  const stderrFile = join(workDir, `${prefix}.stderr.log`);
  const began = performance.now();
  const outcome = await runChild<ContenderResult>(CONTENDER_SCRIPT, args, {
    timeoutMs: (timeLimit + 180) * 1000,
    stderrFile,
  });
  // A contender that dies (a peer running out of memory) still delivered something: count it here.
  const result = outcome.result ?? {
    name,
    status: 'failed' as const,
    reason: `${crashReason(stderrFile, outcome.stderrTail)} after ${((performance.now() - began) / 1000).toFixed(0)} s (process start-up included)`,
    expected: count,
    counted: await countIndex(index),
    notes: [],
  };
  await dropTarget(cluster.client, prefix);
  if (name !== 'raw' || prefix !== 'bench-warm') {
    const counted = `${grouped(result.counted ?? 0)}/${grouped(count)} counted`;
    progress(
      `${name}: ${result.status === 'ok' ? `${grouped(result.docsPerSecond ?? 0)} docs/s, ${counted} (${result.end})` : `${result.status}: ${result.reason}; ${counted}`}`,
    );
  }
  return result;
}

function crashReason(stderrFile: string, tail: readonly string[]): string {
  const fatal = /FATAL ERROR: .*/.exec(readFileSync(stderrFile, 'utf8'))?.[0];
  return fatal ? `crashed: ${fatal}` : `exited without a result: ${tail.join(' | ')}`;
}

async function countIndex(index: string): Promise<number | undefined> {
  try {
    await cluster.client.indices.refresh({ index });
    return ((await cluster.client.count({ index })).body as { count: number }).count;
  } catch {
    return undefined;
  }
}

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
