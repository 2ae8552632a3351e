import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { dropTarget, prepareTarget } from '../ingest/bench-cluster.ts';
import { runChild } from '../shared/run-child.ts';
import { ackTimes } from './bulk-acks.ts';
import { refreshIntervalMs } from './index-refresh.ts';
import { freshnessLatencies, latencyStats, type LatencyStats } from './latency-stats.ts';
import type { ProducerResult } from './producer-result.ts';
import { watchVisibility, type WatchResult } from './watcher.ts';

export interface PhaseOptions {
  readonly client: OpenSearchClient;
  readonly url: string;
  readonly label: string;
  readonly prefix: string;
  readonly rate: number;
  readonly seconds: number;
  readonly pollMs: number;
  readonly workDir: string;
}

export interface PhaseResult {
  readonly label: string;
  readonly rate: number;
  readonly producer: ProducerResult;
  readonly watch: Omit<WatchResult, 'firstSeen' | 'notBefore'>;
  /** First seen − log call: an upper bound, by up to one poll window. */
  readonly latency: LatencyStats;
  /** The same from the poll before (not searchable yet): the lower bound. */
  readonly earliest: LatencyStats;
  /** Log call → the bulk request that carried the record sent (batching); → answered; → first seen. */
  readonly split: { readonly toSend: LatencyStats; readonly bulk: LatencyStats; readonly toSeen: LatencyStats };
  readonly refreshMs: number;
  /** Sampled documents whose event time is their log call's (ms), of those sampled: the seq ↔ call map holds. */
  readonly mapping: { readonly checked: number; readonly matched: number };
}

const PRODUCER_SCRIPT = fileURLToPath(new URL('./producer.ts', import.meta.url));
/** After the producer has closed (everything delivered), the watcher waits this long for the rest. */
const GRACE_MS = 30_000;

/** One load: a producer process logging at `rate`, this process watching what becomes searchable. */
export async function runPhase(options: PhaseOptions): Promise<PhaseResult> {
  const { client, prefix, workDir } = options;
  const index = await prepareTarget(client, prefix, new Date());
  const refreshMs = await refreshIntervalMs(client, index);
  const expected = Math.round(options.rate * options.seconds);
  const callsFile = join(workDir, `${prefix}.calls.f64`);
  mkdirSync(join(workDir, `${prefix}-spool`));
  const args = ['--url', options.url, '--prefix', prefix, '--spool-dir', join(workDir, `${prefix}-spool`)];
  args.push('--calls-file', callsFile, '--seconds', String(options.seconds), '--rate', String(options.rate));
  let exitedAt = Infinity;
  const producer = runChild<ProducerResult>(PRODUCER_SCRIPT, args, {
    timeoutMs: (options.seconds + 300) * 1000,
    stderrFile: join(workDir, `${prefix}.producer.stderr.log`),
  }).finally(() => (exitedAt = Date.now()));
  const { firstSeen, notBefore, ...watch } = await watchVisibility({
    client,
    index,
    expected,
    pollMs: options.pollMs,
    giveUp: () => Date.now() - exitedAt > GRACE_MS,
  });
  const outcome = await producer;
  if (!outcome.result)
    throw new Error(`the producer failed (exit ${outcome.exitCode}): ${outcome.stderrTail.join(' | ')}`);
  const bytes = readFileSync(callsFile);
  const calls = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const mapping = await checkMapping(client, index, calls);
  const sent = ackTimes(outcome.result.acks, calls.length, 2);
  const answered = ackTimes(outcome.result.acks, calls.length, 3);
  await dropTarget(client, prefix);
  return {
    label: options.label,
    rate: options.rate,
    producer: outcome.result,
    watch,
    latency: latencyStats(freshnessLatencies(calls, firstSeen)),
    earliest: latencyStats(freshnessLatencies(calls, notBefore)),
    split: {
      toSend: latencyStats(freshnessLatencies(calls, sent)),
      bulk: latencyStats(freshnessLatencies(sent, answered)),
      toSeen: latencyStats(freshnessLatencies(answered, firstSeen)),
    },
    refreshMs,
    mapping,
  };
}

/**
 * Latencies pair `producer_seq` i with log call i, which holds only if every call became a record
 * in order: 200 documents spread over the run must carry their call's time as event time.
 */
async function checkMapping(client: OpenSearchClient, index: string, calls: Float64Array) {
  const seqs = Array.from({ length: 200 }, (_, i) => Math.floor((i * calls.length) / 200));
  const { body } = await client.search({
    index,
    filter_path: 'hits.hits.fields',
    body: {
      size: seqs.length,
      _source: false,
      query: { terms: { producer_seq: seqs } },
      docvalue_fields: ['producer_seq', { field: '@timestamp', format: 'epoch_millis' }],
    },
  } as never);
  const hits = (body as { hits?: { hits?: Array<{ fields: Record<string, [number | string]> }> } }).hits?.hits ?? [];
  const matched = hits.filter((hit) => {
    const seq = Number(hit.fields.producer_seq![0]);
    return Number(hit.fields['@timestamp']![0]) === Math.floor(calls[seq]!);
  }).length;
  return { checked: seqs.length, matched };
}
