import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { createLogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { periodOf } from '../../opensearch/record/index-period.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { dropTarget, startBenchCluster } from '../ingest/bench-cluster.ts';
import { grouped } from './format-table.ts';

/**
 * Loads `count` generated records into the monthly log indices, 50,000 for every 3 days from
 * 1 January 2026 (about 16,700 a day), then refreshes and merges each index to one segment, so
 * every run queries the same shape of data. With `spanDays`, the same records spread evenly over
 * that many days from 1 January instead, whatever their number.
 */
async function seedBenchRecords(
  client: OpenSearchClient,
  config: SetupConfig,
  count: number,
  progress: (line: string) => void,
  spanDays?: number,
): Promise<void> {
  const ensurer = createLogIndexEnsurer(client, config.names);
  progress(`loading ${grouped(count)} generated records`);
  const chunkMs = spanDays ? (spanDays * 86_400_000) / Math.ceil(count / 50_000) : 3 * 86_400_000;
  for (let done = 0, chunk = 0; done < count; chunk++) {
    const n = Math.min(50_000, count - done);
    const from = new Date(Date.UTC(2026, 0, 1) + chunk * chunkMs);
    const records = generateRecords({
      seed: 100 + chunk,
      count: n,
      from,
      // Both ends are inclusive: a spread's last record stays inside its span.
      to: new Date(from.getTime() + chunkMs - (spanDays ? 1 : 0)),
    });
    const body: unknown[] = [];
    for (const r of records)
      body.push({ create: { _index: await ensurer.ensure(periodOf(r['@timestamp'], 'month')), _id: r.event_id } }, r);
    for (let i = 0; i < body.length; i += 10_000)
      await client.bulk({ body: body.slice(i, i + 10_000) } as never, { requestTimeout: 300_000 });
    done += n;
  }
  await client.indices.refresh({ index: config.names.logsPattern });
  await client.indices.forcemerge({ index: config.names.logsPattern, max_num_segments: 1 } as never, {
    requestTimeout: 1_800_000,
  });
}

/**
 * Runs a benchmark on seeded data: the bench cluster (started, or reused; or the named `cluster`
 * of `nodes` nodes), setup under `prefix`, `records` generated records (over `spanDays` when
 * given); afterwards the data is dropped and a cluster this run started is stopped (unless
 * `keepNode`).
 */
export async function onSeededData(
  options: {
    prefix: string;
    records: number;
    keepNode: boolean;
    progress: (line: string) => void;
    cluster?: { readonly name: string; readonly nodes: number };
    spanDays?: number;
  },
  run: (context: { client: OpenSearchClient; config: SetupConfig }) => Promise<void>,
): Promise<void> {
  const cluster = await startBenchCluster(options.progress, options.cluster?.name, options.cluster?.nodes);
  const { client } = cluster;
  try {
    const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: options.prefix }));
    await dropTarget(client, options.prefix);
    await runSetup(client, config);
    await seedBenchRecords(client, config, options.records, options.progress, options.spanDays);
    await run({ client, config });
  } finally {
    await dropTarget(client, options.prefix).catch(() => {});
    if (cluster.reused || options.keepNode) await client.close();
    else await cluster.stop();
  }
}
