import type { SequenceReport } from '../../shipper/verify/verify-sequences.ts';
import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import type { ProducerResult, Sample } from './producer-result.ts';

export interface OutageRun {
  readonly producer: ProducerResult;
  readonly rate: number;
  /** When the node was told to stop, when it was started again, and when it answered. */
  readonly stoppingAt: number;
  readonly restartingAt: number;
  readonly readyAt: number;
  readonly counted: number;
  readonly sequences: SequenceReport;
}

const MiB = 1024 * 1024;
/** Delivery "back to its earlier rate": ≥ 0.9× the rate before the outage, within 10 s of the node answering. */
const RECOVERY_SHARE = 0.9;
const RECOVERY_TARGET_MS = 10_000;

/** The report's tables, from the producer's timeline and the node's stop and start times. */
export function outageReport(run: OutageRun): string {
  const { producer, stoppingAt, readyAt } = run;
  const samples = producer.samples;
  const at = (time: number): Sample => samples.findLast((s) => s.at <= time) ?? samples[0]!;
  const deliveredRate = (from: number, to: number) =>
    (at(to).delivered - at(from).delivered) / ((at(to).at - at(from).at) / 1000 || 1);
  const cpuShare = (from: number, to: number) =>
    (at(to).cpuMicros - at(from).cpuMicros) / 1000 / (at(to).at - at(from).at || 1);

  const baseline = deliveredRate(stoppingAt - 10_000, stoppingAt);
  const down = samples.filter((s) => s.at >= stoppingAt && s.at <= readyAt);
  const rssBefore = at(stoppingAt).rssBytes;
  const peakQueue = Math.max(...down.map((s) => s.queueBytes));
  const rssGrowth = Math.max(...down.map((s) => s.rssBytes)) - rssBefore;
  const heapPeak = Math.max(...down.map((s) => s.heapUsedBytes));
  const probes = producer.probes.filter((t) => t >= stoppingAt && t <= readyAt);
  const probeGaps = probes.slice(1).map((t, i) => t - probes[i]!);

  // Delivery over the trailing second, sample by sample, once the node answers.
  const after = samples.filter((s) => s.at >= readyAt + 1_000);
  const trailing = after.map((s) => ({ at: s.at, rate: deliveredRate(s.at - 1_000, s.at) }));
  const back = trailing.find((t) => t.rate >= RECOVERY_SHARE * baseline);
  const backInMs = back ? back.at - readyAt : null;
  const drained = samples.find(
    (s) => s.at >= readyAt && s.spoolRecords === 0 && s.delivered >= s.logged - run.rate * 2,
  );
  const peakDrain = Math.max(0, ...trailing.map((t) => t.rate));

  const accounted = run.sequences.totals;
  const lost = producer.logged - run.counted - accounted.deadLettered;
  const rows: Array<[string, string, string, string]> = [
    ['records logged', grouped(producer.logged), '–', '–'],
    ['counted in the index', grouped(run.counted), `= logged`, run.counted === producer.logged ? 'yes' : 'NO'],
    ['lost (logged − counted − dead-lettered)', grouped(lost), '0', lost === 0 ? 'yes' : 'NO'],
    [
      'duplicates / sequence gaps (synclog verify)',
      `${grouped(accounted.duplicates)} / ${grouped(accounted.missing)}`,
      '0 / 0',
      run.sequences.clean ? 'yes' : 'NO',
    ],
    [
      'dropped / dead-lettered (events)',
      `${grouped(producer.dropped)} / ${grouped(producer.deadLettered)}`,
      '0 / 0',
      producer.dropped + producer.deadLettered === 0 ? 'yes' : 'NO',
    ],
    ['delivery rate before the outage (last 10 s)', `${grouped(baseline)} docs/s`, '–', '–'],
    ['node down (stop → answering again)', `${fixed((readyAt - stoppingAt) / 1000, 1)} s`, '–', '–'],
    [
      'peak in-memory queue while down',
      `${fixed(peakQueue / MiB, 1)} MiB`,
      `≤ ${fixed(producer.maxQueueBytes / MiB, 0)} MiB (maxQueueBytes)`,
      peakQueue <= producer.maxQueueBytes ? 'yes' : 'NO',
    ],
    [
      'RSS growth while down',
      `${fixed(rssGrowth / MiB, 1)} MiB`,
      `≤ ${fixed(producer.maxQueueBytes / MiB, 0)} MiB`,
      rssGrowth <= producer.maxQueueBytes ? 'yes' : 'NO',
    ],
    ['peak JS heap while down', `${fixed(heapPeak / MiB, 1)} MiB`, '–', '–'],
    ['records spooled to disk (whole run)', grouped(producer.spooled), '–', '–'],
    [
      'producer CPU while down / before',
      `${fixed(cpuShare(stoppingAt, readyAt) * 100, 1)} % / ${fixed(cpuShare(producer.startAt + 2_000, stoppingAt) * 100, 1)} % of a core`,
      'no spin',
      '–',
    ],
    [
      'health checks while down',
      `${probes.length} (longest gap ${fixed(Math.max(0, ...probeGaps) / 1000, 1)} s)`,
      'no storm',
      '–',
    ],
    [
      'delivery back to ≥ 0.9× the earlier rate',
      backInMs === null ? 'never' : `${fixed(backInMs / 1000, 1)} s after the node answered`,
      `≤ ${RECOVERY_TARGET_MS / 1000} s`,
      backInMs !== null && backInMs <= RECOVERY_TARGET_MS ? 'yes' : 'NO',
    ],
    [
      'backlog delivered (spool empty, caught up)',
      drained ? `${fixed((drained.at - readyAt) / 1000, 1)} s after the node answered` : 'not within the run',
      '–',
      '–',
    ],
    [
      'peak delivery rate while catching up',
      `${grouped(peakDrain)} docs/s (${fixed(peakDrain / (baseline || 1), 1)}× the earlier rate)`,
      '–',
      '–',
    ],
  ];
  return [
    `## Outage: ${grouped(run.rate)} records/s through winston + OpenSearchTransport, node stopped for ${fixed((run.restartingAt - stoppingAt) / 1000, 0)} s`,
    `node ${process.version}; local OpenSearch (1 node, 512 MB heap); maxQueueBytes ${fixed(producer.maxQueueBytes / MiB, 0)} MiB, spool on`,
    '',
    formatTable(['measure', 'value', 'target', 'met'], rows),
  ].join('\n');
}
