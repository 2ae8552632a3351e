import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import type { BareLoopRun, ExportRun } from './export-pass.ts';
import { percentile } from './list-latency.ts';

export interface ListLatencies {
  readonly bare: number[];
  readonly proxy: number[];
  readonly service: number[];
}

export interface ListPass {
  /** `shared` or `pinned`, and what ran where. */
  readonly cores: string;
  readonly latencies: ListLatencies;
}

const PATHS: Array<[keyof ListLatencies, string]> = [
  ['bare', 'bare client search'],
  ['proxy', 'pass-through proxy (token, search, body streamed)'],
  ['service', 'GET /logs (service: auth, validation, access log)'],
];

const ms = (value: number) => fixed(value, 2);
const met = (ok: boolean) => (ok ? 'yes' : 'NO');

/** The list latencies of every pass, path by path. */
export function latencyTable(passes: readonly ListPass[]): string {
  const rows = passes.flatMap((pass) =>
    PATHS.map(([key, label]) => {
      const list = pass.latencies[key];
      return [pass.cores, label, ms(percentile(list, 50)), ms(percentile(list, 95)), ms(percentile(list, 99))];
    }),
  );
  return formatTable(['cores', 'path', 'p50 ms', 'p95 ms', 'p99 ms'], rows);
}

/** The service against the proxy (its own cost) and against the bare client, per pass. */
export function listRatioRows(passes: readonly ListPass[]): string[][] {
  return passes.flatMap(({ cores, latencies: { bare, proxy, service } }) => {
    const p50Difference = percentile(service, 50) - percentile(proxy, 50);
    const p95Ratio = percentile(service, 95) / percentile(proxy, 95);
    const bareRatio = percentile(service, 95) / percentile(bare, 95);
    return [
      [`${cores}: service p50 − proxy p50`, `${ms(p50Difference)} ms`, '≤ 0.30 ms', met(p50Difference <= 0.3)],
      [`${cores}: service p95 ÷ proxy p95`, `${fixed(p95Ratio, 2)}×`, '≤ 1.05×', met(p95Ratio <= 1.05)],
      [`${cores}: service p95 ÷ bare client p95`, `${fixed(bareRatio, 2)}×`, '≤ 1.10×', met(bareRatio <= 1.1)],
    ];
  });
}

const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;

/** The export's tables and its ratio rows; nothing when no export round ran. */
export function exportReport(
  records: number,
  loops: readonly BareLoopRun[],
  exports: readonly ExportRun[],
): { tables: string[]; ratios: string[][] } {
  if (exports.length === 0) return { tables: [], ratios: [] };
  const loopSeconds = mean(loops.map((l) => l.seconds));
  const exportSeconds = mean(exports.map((e) => e.seconds));
  const ratio = records / exportSeconds / (loops[0]!.rows / loopSeconds);
  const flat = exports.every((e) => e.heapSecondHalf <= e.heapFirstHalf * 1.25 + 16);
  const tables = [
    formatTable(
      ['export', 'runs', 'rows', 'seconds (mean)', 'rows/s'],
      [
        [
          'bare PIT + search_after loop',
          String(loops.length),
          grouped(loops[0]!.rows),
          fixed(loopSeconds, 1),
          grouped(loops[0]!.rows / loopSeconds),
        ],
        [
          'GET /logs/export.csv (streamed to this process)',
          String(exports.length),
          grouped(records),
          fixed(exportSeconds, 1),
          grouped(records / exportSeconds),
        ],
      ],
    ),
    formatTable(
      ['export memory (JS heap in use, this process)', ...exports.map((_, i) => `run ${i + 1} MiB`)],
      [
        ['peak while the first half of the CSV arrived', ...exports.map((e) => fixed(e.heapFirstHalf, 0))],
        ['peak while the second half arrived', ...exports.map((e) => fixed(e.heapSecondHalf, 0))],
      ],
    ),
  ];
  // A small export yields too few samples for two halves: no verdict then.
  const heapRatio = mean(exports.map((e) => e.heapSecondHalf / e.heapFirstHalf));
  const heapKnown = Number.isFinite(heapRatio) && heapRatio > 0;
  return {
    tables,
    ratios: [
      ['export rows/s ÷ bare PIT loop rows/s', `${fixed(ratio, 2)}×`, '≥ 0.8×', met(ratio >= 0.8)],
      [
        'export heap, second half ÷ first half',
        heapKnown ? `${fixed(heapRatio, 2)}×` : 'n/a',
        'flat',
        heapKnown ? met(flat) : '–',
      ],
    ],
  };
}

export const ratioTable = (rows: ReadonlyArray<readonly string[]>) =>
  formatTable(['ratio', 'value', 'target', 'met'], rows);
