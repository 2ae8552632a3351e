import { performance } from 'node:perf_hooks';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { dropTarget, prepareTarget } from '../ingest/bench-cluster.ts';
import { rawLoader } from '../ingest/contenders/raw-loader.ts';
import { RECORDS_FROM, type RecordLines } from '../ingest/records-file.ts';

export interface CeilingOptions {
  readonly client: OpenSearchClient;
  readonly url: string;
  readonly lines: RecordLines;
  /** Passes go on while their loading time adds up to less than this (two passes at least). */
  readonly seconds: number;
  readonly maxPasses: number;
  readonly progress: (line: string) => void;
}

export interface Ceiling {
  /** docs/s of each pass: documents counted ÷ time from the first bulk request until counted. */
  readonly passes: readonly number[];
  /** The last pass, on the warmest node. */
  readonly docsPerSecond: number;
}

const PREFIX = 'bench-freshness-ceiling';

/**
 * The raw loader of the ingest benchmark (pre-serialised ~5 MB `_bulk` bodies, 2 in flight,
 * `create` with ids) over the same records, each pass into a fresh index, until `seconds` of
 * loading are spent: a fresh node indexes slower for its first passes, so the last one counts.
 */
export async function measureCeiling(options: CeilingOptions): Promise<Ceiling> {
  const { client, lines } = options;
  const passes: number[] = [];
  let spentMs = 0;
  while (passes.length < 2 || (passes.length < options.maxPasses && spentMs < options.seconds * 1000)) {
    const index = await prepareTarget(client, PREFIX, RECORDS_FROM);
    const note = (text: string) => options.progress(`raw loader: ${text}`);
    const session = await rawLoader.open({ url: options.url, index, prefix: PREFIX, note }, lines);
    const began = performance.now();
    await session.load();
    await client.indices.refresh({ index });
    const counted = Number((await client.count({ index })).body.count);
    const ms = performance.now() - began;
    spentMs += ms;
    passes.push(counted / (ms / 1000));
    const stats = session.stats();
    options.progress(
      `raw loader pass ${passes.length}: ${Math.round(passes.at(-1)!)} docs/s (${counted}/${lines.count} counted${stats.firstError ? `; ${String(stats.firstError)}` : ''})`,
    );
    await dropTarget(client, PREFIX);
  }
  return { passes, docsPerSecond: passes.at(-1) ?? NaN };
}
