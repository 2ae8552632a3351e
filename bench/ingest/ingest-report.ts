import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import type { ContenderResult } from './contender-result.ts';

export interface IngestRun {
  readonly label: string;
  readonly result: ContenderResult;
}

/** One row per contender run, in the order they ran. */
export function resultsTable(runs: readonly IngestRun[]): string {
  const header = [
    'contender',
    'docs/s',
    'logged',
    'counted',
    'lost',
    'end',
    'time s',
    'log calls s',
    'CPU µs/doc',
    'CPU µs/delivered',
    'peak RSS MB',
    'RSS growth MB',
    'heap growth MB',
  ];
  const rows = runs.map(({ label, result: r }) => {
    if (r.status !== 'ok') {
      const counted = r.counted === undefined ? '–' : grouped(r.counted);
      return [label, '–', '–', counted, '–', r.status, '–', '–', '–', '–', '–', '–', '–'];
    }
    const counted = r.counted ?? 0;
    return [
      label,
      grouped(r.docsPerSecond ?? 0),
      grouped(r.logged ?? r.expected),
      grouped(counted),
      grouped((r.logged ?? r.expected) - counted),
      r.end ?? '',
      fixed(r.seconds ?? NaN, 1),
      r.logSeconds == null ? '–' : fixed(r.logSeconds, 1),
      fixed(r.cpuPerDoc ?? NaN, 1),
      r.cpuPerDelivered == null ? '–' : fixed(r.cpuPerDelivered, 1),
      fixed(r.peakRssMb ?? NaN, 0),
      fixed((r.peakRssMb ?? NaN) - (r.rssStartMb ?? NaN), 0),
      fixed((r.peakHeapMb ?? NaN) - (r.heapStartMb ?? NaN), 0),
    ];
  });
  return formatTable(header, rows);
}

interface Target {
  readonly label: string;
  /** `null` when it cannot be computed (a contender unavailable or failed). */
  readonly value: number | null;
  readonly target: string;
  readonly met: ((value: number) => boolean) | null;
  readonly why?: string;
}

/** The ratios the project's targets are stated in, each beside its target. */
export function ratiosTable(runs: readonly IngestRun[]): string {
  const ok = (label: string) => runs.find((r) => r.label === label && r.result.status === 'ok')?.result;
  const synclog = ok('synclog');
  const raws = runs
    .filter((r) => r.label.startsWith('raw') && r.result.status === 'ok')
    .map((r) => r.result.docsPerSecond ?? 0);
  const raw = raws.length ? raws.reduce((a, b) => a + b, 0) / raws.length : null;
  const rate = synclog?.docsPerSecond ?? null;
  const perDoc = synclog?.cpuPerDoc ?? null;

  const peerRatio = (label: string): Target => {
    const peer = ok(label);
    const status = runs.find((r) => r.label === label)?.result.status;
    if (!peer || rate === null)
      return { label: `synclog ÷ ${label} (docs/s)`, value: null, target: '≥ 3×', met: null, why: status ?? 'not run' };
    return {
      label: `synclog ÷ ${label} (docs/s)`,
      value: (peer.docsPerSecond ?? 0) > 0 ? rate / peer.docsPerSecond! : Infinity,
      target: '≥ 3×',
      met: (v) => v >= 3,
    };
  };
  const wos = ok('winston-opensearch');
  const targets: Target[] = [
    {
      label: 'synclog ÷ raw (docs/s; raw = mean of first and last)',
      value: rate !== null && raw ? rate / raw : null,
      target: '≥ 0.95×',
      met: (v) => v >= 0.95,
    },
    peerRatio('winston-opensearch'),
    peerRatio('pino-opensearch'),
    peerRatio('pino-opensearch (workaround)'),
    {
      label: 'synclog ÷ winston-opensearch (CPU µs/doc)',
      value: perDoc !== null && wos?.cpuPerDoc ? perDoc / wos.cpuPerDoc : null,
      target: '≤ 0.5×',
      met: (v) => v <= 0.5,
    },
    {
      label: 'drift: raw last ÷ raw first (docs/s)',
      value: raws.length === 2 ? raws[1]! / raws[0]! : null,
      target: '–',
      met: null,
    },
  ];
  const rows = targets.map((t) => [
    t.label,
    t.value === null
      ? `n/a (${t.why ?? 'missing'})`
      : t.value === Infinity
        ? '∞ (peer delivered nothing)'
        : `${t.value.toFixed(2)}×`,
    t.target,
    t.met && t.value !== null ? (t.met(t.value) ? 'yes' : 'NO') : '–',
  ]);
  return formatTable(['ratio', 'value', 'target', 'met'], rows);
}

/** What each contender said about itself: counters and notes, for the losses in the table. */
export function contenderNotes(runs: readonly IngestRun[]): string {
  return runs
    .map(({ label, result: r }) => {
      const parts = [r.reason, r.stats ? JSON.stringify(r.stats) : undefined, ...r.notes].filter(Boolean);
      return parts.length ? `- ${label}: ${parts.join('; ')}` : '';
    })
    .filter(Boolean)
    .join('\n');
}
