import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { makeCold } from '../../opensearch/lifecycle/lifecycle-step.ts';
import type { Period } from '../../opensearch/record/index-period.ts';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';

export interface TemperedIndex {
  readonly index: string;
  readonly period: Period;
}

export interface ShardPlace {
  readonly index: string;
  readonly shard: string;
  readonly prirep: string;
  readonly state: string;
  readonly docs: string;
  readonly store: string;
  readonly node: string;
  /** The node's `temp` attribute (`hot`, `cold`), `?` when it has none. */
  readonly temp: string;
}

export interface HotColdPlacement {
  readonly cold: readonly TemperedIndex[];
  readonly hot: readonly TemperedIndex[];
  readonly shards: readonly ShardPlace[];
}

/** The older half of the log indices (rounded down) go cold, the newer ones stay hot; oldest first. */
export function splitOlderHalf(indices: readonly TemperedIndex[]): { cold: TemperedIndex[]; hot: TemperedIndex[] } {
  const sorted = [...indices].sort((a, b) => a.period.start.getTime() - b.period.start.getTime());
  const half = Math.floor(sorted.length / 2);
  return { cold: sorted.slice(0, half), hot: sorted.slice(half) };
}

/**
 * Every shard copy of a cold index started on a `temp=cold` node and of a hot one on a `temp=hot`
 * node; otherwise the reason, so the run stops before timing the wrong thing.
 */
export function misplaced(placement: HotColdPlacement): string | null {
  const want = new Map([
    ...placement.cold.map((i) => [i.index, 'cold'] as const),
    ...placement.hot.map((i) => [i.index, 'hot'] as const),
  ]);
  for (const index of want.keys()) {
    if (!placement.shards.some((s) => s.index === index)) return `${index} has no shards`;
  }
  const wrong = placement.shards.find((s) => s.state !== 'STARTED' || s.temp !== want.get(s.index));
  return wrong ? `${wrong.index} shard ${wrong.shard} is ${wrong.state} on ${wrong.node} (temp=${wrong.temp})` : null;
}

async function logIndices(client: OpenSearchClient, config: SetupConfig): Promise<TemperedIndex[]> {
  const { body } = await client.cat.indices({ index: config.names.logsPattern, format: 'json', h: 'index' } as never);
  return (body as unknown as Array<{ index: string }>).flatMap(({ index }) => {
    const period = config.names.periodOfIndex(index);
    return period ? [{ index, period }] : [];
  });
}

/** Where each shard copy of the log indices lives (`_cat/shards`), with its node's `temp`. */
export async function shardPlaces(client: OpenSearchClient, pattern: string): Promise<ShardPlace[]> {
  const { body: attrs } = await client.cat.nodeattrs({ format: 'json', h: 'node,attr,value' } as never);
  const temps = new Map(
    (attrs as unknown as Array<{ node: string; attr: string; value: string }>)
      .filter((a) => a.attr === 'temp')
      .map((a) => [a.node, a.value]),
  );
  const { body } = await client.cat.shards({
    index: pattern,
    format: 'json',
    h: 'index,shard,prirep,state,docs,store,node',
    s: 'index,shard',
  } as never);
  return (body as unknown as Array<Omit<ShardPlace, 'temp'>>).map((s) => ({ ...s, temp: temps.get(s.node) ?? '?' }));
}

/** Until green with no shard relocating or initialising; throws after `timeoutMs`. */
async function untilSettled(client: OpenSearchClient, timeoutMs: number, progress: (line: string) => void) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await client.cluster.health(
      {
        wait_for_status: 'green',
        wait_for_no_relocating_shards: true,
        wait_for_no_initializing_shards: true,
        timeout: '30s',
      } as never,
      { ignore: [408] },
    );
    const health = body as unknown as { timed_out: boolean; status: string; relocating_shards: number };
    if (!health.timed_out) return;
    if (Date.now() > deadline)
      throw new Error(`cluster not settled: ${health.status}, ${health.relocating_shards} relocating`);
    progress(`waiting: cluster ${health.status}, ${health.relocating_shards} shards relocating`);
  }
}

/**
 * Makes the older half of the log indices cold exactly as the retention runner's cold step does
 * (`makeCold`: read-only, cold replicas and priority, `routing.allocation.require.temp: cold`,
 * merged), waits until the shards have moved, and reads where every shard lives; throws when any
 * index is not where it should be.
 */
export async function placeHotCold(
  client: OpenSearchClient,
  config: SetupConfig,
  progress: (line: string) => void,
): Promise<HotColdPlacement> {
  const { cold, hot } = splitOlderHalf(await logIndices(client, config));
  if (cold.length === 0) throw new Error('fewer than two log indices: nothing to make cold');
  progress(`making cold: ${cold.map((i) => i.index).join(', ')}; hot: ${hot.map((i) => i.index).join(', ')}`);
  const started = performance.now();
  for (const { index } of cold) await makeCold(client, index, config.lifecycle, true);
  await untilSettled(client, 3_600_000, progress);
  progress(`relocated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const placement = { cold, hot, shards: await shardPlaces(client, config.names.logsPattern) };
  const wrong = misplaced(placement);
  if (wrong) throw new Error(`hot/cold placement: ${wrong}`);
  return placement;
}
