import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import type { HotColdPlacement } from './hot-cold-placement.ts';
import { SCOPE_LABELS, SCOPES, type Scope, type ScopeRange } from './hot-cold-scopes.ts';
import { percentile } from './list-latency.ts';

export type ScopeLatencies = Record<`${Scope} ${'service' | 'bare'}`, number[]>;

const PATHS = [
  ['service', 'GET /logs (service)'],
  ['bare', 'bare client search'],
] as const;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Which node holds which index: one row per shard copy. */
export function placementTable(placement: HotColdPlacement): string {
  const role = new Map([
    ...placement.cold.map((i) => [i.index, 'cold'] as const),
    ...placement.hot.map((i) => [i.index, 'hot'] as const),
  ]);
  return formatTable(
    ['index', 'made', 'shard', 'state', 'docs', 'store', 'node', 'node temp'],
    placement.shards.map((s) => [
      s.index,
      role.get(s.index) ?? '?',
      `${s.shard}${s.prirep}`,
      s.state,
      grouped(Number(s.docs)),
      s.store,
      s.node,
      s.temp,
    ]),
  );
}

/** p50 / p95 / p99 per scope and path, with each scope's range and the shards its searches went to. */
export function scopeLatencyTable(
  latencies: ScopeLatencies,
  ranges: Record<Scope, ScopeRange>,
  shards: Record<Scope, string>,
): string {
  const rows = SCOPES.flatMap((scope) =>
    PATHS.map(([key, label]) => {
      const list = latencies[`${scope} ${key}`];
      const range = `${day(ranges[scope].from)} .. ${day(ranges[scope].to)}`;
      return [
        SCOPE_LABELS[scope],
        range,
        shards[scope],
        label,
        ...[50, 95, 99].map((p) => fixed(percentile(list, p), 2)),
      ];
    }),
  );
  return formatTable(
    ['scope', 'from .. to (exclusive)', 'shards searched', 'path', 'p50 ms', 'p95 ms', 'p99 ms'],
    rows,
  );
}

/** cold-only ÷ hot-only and both ÷ hot-only per path, and the service ÷ the bare client per scope. */
export function scopeRatioTable(latencies: ScopeLatencies): string {
  const ratio = (a: number[], b: number[], p: number) => `${fixed(percentile(a, p) / percentile(b, p), 2)}×`;
  const rows = PATHS.flatMap(([key, label]) =>
    (['cold', 'both'] as const).map((scope) => {
      const over = latencies[`${scope} ${key}`];
      const hot = latencies[`hot ${key}`];
      return [
        `${label}: ${scope === 'cold' ? 'cold-only' : 'both'} ÷ hot-only`,
        ratio(over, hot, 50),
        ratio(over, hot, 95),
      ];
    }),
  );
  for (const scope of SCOPES) {
    const service = latencies[`${scope} service`];
    const bare = latencies[`${scope} bare`];
    rows.push([`${SCOPE_LABELS[scope]}: service ÷ bare client`, ratio(service, bare, 50), ratio(service, bare, 95)]);
  }
  return formatTable(['ratio', 'p50', 'p95'], rows);
}
