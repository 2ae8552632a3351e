/**
 * Stored bytes per record: generated records into one log index of a cluster of this script's own,
 * read from `_stats/store` as written (flushed, unmerged: a hot index), after a force-merge to one
 * segment (what the cold phase does) and as an archive snapshot. These are the per-record figures
 * of the capacity model (docs/capacity.md).
 *
 *   node --import tsx bench/capacity/measure-record-size.ts [--records 50000] [--seed 1] [--keep-node]
 *
 * Progress goes to stderr, the table to stdout.
 */
import { parseArgs } from 'node:util';
import { localClusterOptions } from '../../cli/local-cluster-options.ts';
import { createOpenSearchClient, type OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { startLocalCluster, stopLocalCluster } from '../../opensearch/local/local-cluster.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { prepareTarget, dropTarget } from '../ingest/bench-cluster.ts';
import { RECORDS_FROM, RECORDS_TO } from '../ingest/records-file.ts';
import { grouped } from '../shared/format-table.ts';

/** Not `bench`: an ingest run there must not see these merges and snapshots, nor this run its load. */
const CLUSTER = 'bench-capacity';
const PREFIX = 'bench-capacity';
const BODY_BYTES = 5 * 1024 * 1024;
/** A shard caches its store size for `index.store.stats_refresh_interval` (10 s, not dynamic): wait it out. */
const STORE_STATS_CACHE_MS = 11_000;

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const count = Number(values.records);
const progress = (line: string) => process.stderr.write(`[bench:capacity] ${line}\n`);

const options = { ...localClusterOptions(process.env), name: CLUSTER, port: undefined, log: progress };
const cluster = await startLocalCluster(options);
progress(`${cluster.reused ? 'reusing' : 'started'} local cluster "${CLUSTER}" at ${cluster.url}`);
const client = createOpenSearchClient({ urls: [cluster.url], requestTimeoutMs: 600_000 });
try {
  const index = await prepareTarget(client, PREFIX, RECORDS_FROM);
  const records = generateRecords({ seed: Number(values.seed), count, from: RECORDS_FROM, to: RECORDS_TO });
  const jsonBytes = records.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
  progress(`indexing ${grouped(count)} records (${grouped(jsonBytes / count)} B of JSON each) into ${index}…`);
  await load(client, index, records);
  await client.indices.refresh({ index });
  await client.indices.flush({ index, wait_if_ongoing: true } as never);
  const written = await storeStats(client, index);
  progress(`force-merging ${index} to one segment…`);
  await client.indices.forcemerge({ index, max_num_segments: 1 } as never, { requestTimeout: 3_600_000 });
  await client.indices.flush({ index, wait_if_ongoing: true } as never);
  await new Promise((resolve) => setTimeout(resolve, STORE_STATS_CACHE_MS));
  const merged = await storeStats(client, index);
  const archived = await snapshotBytes(client, index);
  if (written.docs !== count || merged.docs !== count || merged.segments !== 1)
    throw new Error(`expected ${count} documents in 1 segment, got ${JSON.stringify({ written, merged })}`);
  const row = (what: string, bytes: number) =>
    `| ${what} | ${grouped(bytes)} | ${(bytes / count).toFixed(0)} | ${(bytes / jsonBytes).toFixed(2)} |`;
  console.log(`## Stored size: ${grouped(count)} generated records (seed ${values.seed}), one index, 1 shard`);
  console.log(
    `OpenSearch 3.8.0, local cluster "${CLUSTER}" (1 node); JSON source ${grouped(jsonBytes / count)} B/record\n`,
  );
  console.log('| state | primary store bytes | bytes/record | ÷ JSON source |');
  console.log('|---|---|---|---|');
  console.log(row(`as written (flushed, ${written.segments} segments)`, written.bytes));
  console.log(row('force-merged to 1 segment', merged.bytes));
  console.log(row('archive snapshot of the merged index', archived));
} finally {
  await dropTarget(client, PREFIX);
  await client.close();
  if (!cluster.reused && !values['keep-node']) await stopLocalCluster(options);
}

/** `create` actions with the event id as `_id`, as synclog sends them, in ~5 MB bodies. */
async function load(client: OpenSearchClient, index: string, records: ReturnType<typeof generateRecords>) {
  let body = '';
  const send = async () => {
    const { body: response } = await client.bulk({ body, filter_path: 'errors,items.*.error' } as never);
    const { errors, items } = response as { errors?: boolean; items?: unknown[] };
    if (errors) throw new Error(`bulk refused documents: ${JSON.stringify(items?.[0]).slice(0, 300)}`);
    body = '';
  };
  for (const record of records) {
    body += `{"create":{"_index":"${index}","_id":"${record.event_id}"}}\n${JSON.stringify(record)}\n`;
    if (body.length > BODY_BYTES) await send();
  }
  if (body) await send();
}

async function storeStats(client: OpenSearchClient, index: string) {
  const { body } = await client.indices.stats({ index, metric: 'store,docs,segments' } as never);
  const primaries = (
    body as {
      _all: {
        primaries: { store: { size_in_bytes: number }; docs: { count: number }; segments: { count: number } };
      };
    }
  )._all.primaries;
  return { bytes: primaries.store.size_in_bytes, docs: primaries.docs.count, segments: primaries.segments.count };
}

/** The size of one snapshot of the index in the archive repository setup registered for the prefix. */
async function snapshotBytes(client: OpenSearchClient, index: string): Promise<number> {
  const repository = `${indexNames(PREFIX).prefix}-archive`;
  const snapshot = `measure-${Date.now()}`;
  await client.snapshot.create(
    { repository, snapshot, wait_for_completion: true, body: { indices: index, include_global_state: false } } as never,
    { requestTimeout: 3_600_000 },
  );
  try {
    const { body } = await client.snapshot.status({ repository, snapshot } as never);
    const stats = (body as { snapshots: Array<{ stats: { total: { size_in_bytes: number } } }> }).snapshots[0]!.stats;
    return stats.total.size_in_bytes;
  } finally {
    await client.snapshot.delete({ repository, snapshot } as never);
  }
}
