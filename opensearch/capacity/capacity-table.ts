import type { CapacityInput } from './capacity-input.ts';
import { recommendLayout } from './recommend-layout.ts';

/** Decimal units, as disks are sold: `1.2 TB`, `36.5 GB`, `948 MB`. */
export function formatBytes(bytes: number): string {
  const units: ReadonlyArray<[number, string]> = [
    [1e15, 'PB'],
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
  ];
  const [size, unit] = units.find(([size]) => bytes >= size) ?? [1e3, 'kB'];
  const value = bytes / size;
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

const grouped = (n: number) => n.toLocaleString('en-US');

const HEADER = [
  '| period | shards | largest shard | hot indices | hot shard copies | hot disk | cold indices | cold shard copies | cold disk | archive | hot nodes | cold nodes | warnings |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
];

/**
 * One row per index period, each with its shard count chosen by `recommendLayout`, the
 * recommended one in bold: what `synclog capacity` prints and docs/capacity.md shows.
 */
export function capacityTable(input: Omit<CapacityInput, 'period' | 'shards'>): string {
  const { options, recommended } = recommendLayout(input);
  const rows = options.map(({ period, shards, plan }) => {
    const mark = (text: string) => (period === recommended.period ? `**${text}**` : text);
    return `| ${[
      mark(period),
      mark(String(shards)),
      formatBytes(plan.shardBytes.hot),
      grouped(plan.hot.indices),
      grouped(plan.hot.shardCopies),
      formatBytes(plan.hot.diskBytes),
      grouped(plan.cold.indices),
      grouped(plan.cold.shardCopies),
      formatBytes(plan.cold.diskBytes),
      formatBytes(plan.archive.diskBytes),
      grouped(plan.nodes.hot.needed),
      grouped(plan.nodes.cold.needed),
      plan.warnings.length ? plan.warnings.join(', ') : '–',
    ].join(' | ')} |`;
  });
  return [...HEADER, ...rows].join('\n');
}
