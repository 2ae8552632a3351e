import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import type { Ceiling } from './ceiling.ts';
import { latencyStats } from './latency-stats.ts';
import type { PhaseResult } from './phase.ts';

export interface FreshnessRun {
  readonly ceiling: Ceiling;
  readonly phases: readonly PhaseResult[];
  readonly pollMs: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

/** What the run printed: the header, the latency table, the targets, and the instruments' own cost. */
export function freshnessReport(run: FreshnessRun): string {
  const first = run.phases[0];
  const o = first?.producer.options;
  const load = (l: readonly number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  return [
    '## Freshness: log call → searchable, through a default winston logger + OpenSearchTransport',
    `node ${process.version}; local OpenSearch "bench-freshness" (1 node, 512 MB heap, 1 shard)`,
    o
      ? `transport defaults: flushIntervalMs ${o.flushIntervalMs}, batchRecords ${o.batchRecords}, maxInFlight ${o.maxInFlight}, spool ${o.spool ? 'on' : 'off'}, write-ahead ${o.writeAhead ? 'on' : 'off'}; index refresh_interval ${fixed(first.refreshMs, 0)} ms (from the index settings)`
      : '',
    `raw loader ceiling: ${run.ceiling.passes.map((v) => grouped(v)).join(' → ')} docs/s (the last pass counts: ${grouped(run.ceiling.docsPerSecond)}; half: ${grouped(run.ceiling.docsPerSecond / 2)} records/s)`,
    `load average 1/5/15 min: before ${load(run.loadBefore)}, after ${load(run.loadAfter)}`,
    '',
    latencyTable(run.phases),
    '',
    targetTable(run.phases),
    '',
    splitTable(run.phases),
    '',
    costTable(run.phases, run.pollMs),
  ].join('\n');
}

function latencyTable(phases: readonly PhaseResult[]): string {
  const rows = phases.map((p) => {
    const seconds = (p.producer.lastCallAt - p.producer.firstCallAt) / 1000;
    return [
      p.label,
      grouped(p.rate),
      grouped(p.producer.logged / Math.max(seconds, 1e-9)),
      grouped(p.producer.logged),
      grouped(p.latency.count),
      ...[p.latency.p50, p.latency.p95, p.latency.p99, p.latency.max].map((v) => grouped(v)),
      `${grouped(p.earliest.p50)} / ${grouped(p.earliest.p95)}`,
    ];
  });
  const header = [
    'load',
    'asked/s',
    'logged/s',
    'logged',
    'seen searchable',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'lower bound p50 / p95 ms',
  ];
  return formatTable(header, rows);
}

function targetTable(phases: readonly PhaseResult[]): string {
  const rows = phases.map((p) => {
    const target = p.producer.options.flushIntervalMs + p.refreshMs + 100;
    const met = p.latency.count === p.producer.logged && p.latency.p95 <= target;
    return [
      `${p.label}: p95`,
      grouped(p.latency.p95),
      `≤ ${grouped(target)} (flush ${p.producer.options.flushIntervalMs} + refresh ${fixed(p.refreshMs, 0)} + 100)`,
      met ? 'pass' : 'miss',
    ];
  });
  return formatTable(['measure', 'ms', 'target ms', 'met'], rows);
}

function splitTable(phases: readonly PhaseResult[]): string {
  const pair = (s: { p50: number; p95: number }) => `${grouped(s.p50)} / ${grouped(s.p95)}`;
  const rows = phases.map((p) => [
    p.label,
    pair(p.split.toSend),
    pair(p.split.bulk),
    pair(p.split.toSeen),
    pair(p.latency),
  ]);
  const header = [
    'where the time goes (p50 / p95 ms)',
    'log call → bulk sent',
    'bulk sent → answered',
    'answered → first seen',
    'whole',
  ];
  return formatTable(header, rows);
}

function costTable(phases: readonly PhaseResult[], pollMs: number): string {
  const rows = phases.map((p) => {
    const w = p.watch;
    const took = latencyStats(w.pollMs);
    const window = latencyStats(w.uncertaintyMs);
    const producerSeconds = (p.producer.lastCallAt - p.producer.firstCallAt) / 1000;
    return [
      p.label,
      `${grouped(w.polls)} (every ${fixed(w.elapsedMs / Math.max(1, w.polls), 1)} ms)`,
      `${fixed(took.p50, 1)} / ${fixed(took.p95, 1)}`,
      `${grouped(window.p50)} / ${grouped(window.p95)}`,
      `${grouped(w.fetches)} / ${grouped(w.errors)}`,
      `${fixed((w.cpuMicros / 1000 / w.elapsedMs) * 100, 1)} %`,
      `${fixed((p.producer.cpuMicros / 1e6 / Math.max(producerSeconds, 1e-9)) * 100, 1)} %`,
      `${grouped(p.producer.spooled)} / ${grouped(p.producer.deadLettered + p.producer.dropped)}`,
      `${p.mapping.matched}/${p.mapping.checked}`,
    ];
  });
  const header = [
    `load (poll asked every ${pollMs} ms)`,
    'polls',
    'poll took p50 / p95 ms',
    'window p50 / p95 ms',
    'sequence reads / poll errors',
    'watcher CPU',
    'producer CPU',
    'spooled / lost',
    'seq ↔ call check',
  ];
  return formatTable(header, rows);
}
