import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import type { ContenderResult } from './contender-result.ts';
import { LABELS, type IngestRun } from './ingest-plan.ts';

/** The mean of the two raw runs of `runs` for a measure, `null` when neither has it. */
export function rawMean(runs: readonly IngestRun[], measure: (r: ContenderResult) => number | null | undefined) {
  const values = runs
    .filter((r) => (r.label === LABELS.rawFirst || r.label === LABELS.rawLast) && r.result.status === 'ok')
    .map((r) => measure(r.result))
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

const HEADER = [
  'contender',
  'docs/s',
  'logged',
  'counted',
  'lost',
  'spilled',
  'end',
  'time s',
  'log calls s',
  'CPU µs/doc',
  'CPU µs/delivered',
  'server CPU µs/doc',
  'server ÷ raw',
  'peak RSS MB',
  'RSS growth MB',
  'heap growth MB',
];

/** One row per contender run of one mode, in the order they ran. */
export function resultsTable(runs: readonly IngestRun[]): string {
  const rawServer = rawMean(runs, (r) => r.serverCpuPerDelivered);
  const rows = runs.map(({ label, result: r }) => {
    if (r.status !== 'ok') {
      const counted = r.counted === undefined ? '–' : grouped(r.counted);
      return [label, '–', '–', counted, ...HEADER.slice(4).map(() => '–')].map((c, i) => (i === 6 ? r.status : c));
    }
    const counted = r.counted ?? 0;
    const delivers = r.end !== 'nothing to count';
    const server = r.serverCpuPerDelivered ?? null;
    const spilled = r.stats?.['spooled'];
    return [
      r.ratePerSecond ? `${label} at ${grouped(r.ratePerSecond)}/s` : label,
      delivers ? grouped(r.docsPerSecond ?? 0) : '–',
      grouped(r.logged ?? r.expected),
      delivers ? grouped(counted) : '–',
      delivers ? grouped((r.logged ?? r.expected) - counted) : '–',
      typeof spilled === 'number' ? grouped(spilled) : '–',
      r.end ?? '',
      fixed(r.seconds ?? NaN, 1),
      r.logSeconds == null ? '–' : fixed(r.logSeconds, 1),
      fixed(r.cpuPerDoc ?? NaN, 1),
      r.cpuPerDelivered == null ? '–' : fixed(r.cpuPerDelivered, 1),
      server === null ? '–' : fixed(server, 1),
      server === null || !rawServer ? '–' : `${(server / rawServer).toFixed(2)}×`,
      fixed(r.peakRssMb ?? NaN, 0),
      fixed((r.peakRssMb ?? NaN) - (r.rssStartMb ?? NaN), 0),
      fixed((r.peakHeapMb ?? NaN) - (r.heapStartMb ?? NaN), 0),
    ];
  });
  return formatTable(HEADER, rows);
}

/** What each contender said about itself: counters and notes, for the losses in the table. */
export function contenderNotes(runs: readonly IngestRun[]): string {
  return runs
    .map(({ mode, label, result: r }) => {
      const parts = [r.reason, r.stats ? JSON.stringify(r.stats) : undefined, ...r.notes].filter(Boolean);
      return parts.length ? `- ${mode}, ${label}: ${parts.join('; ')}` : '';
    })
    .filter(Boolean)
    .join('\n');
}
