/**
 * Query benchmark: `GET /logs` through the service against a minimal pass-through proxy in front
 * of the same search and against the bare client, with the cores shared and pinned apart; and a
 * CSV export through the service against a bare point-in-time loop; on a seeded data set.
 *
 *   node --import tsx bench/query/run.ts [--records 1000000] [--requests 1000] [--exports 2]
 *                                        [--profile 0] [--keep-node]
 */
import { parseArgs } from 'node:util';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { apiTokens } from '../../query-api/auth/api-tokens.ts';
import { grouped } from '../shared/format-table.ts';
import { onSeededData } from '../shared/seeded-data.ts';
import { withBenchService } from './bench-service.ts';
import { pinApart, type Pinning } from './cpu-affinity.ts';
import { measureExport } from './export-pass.ts';
import { httpGetter } from './http-get.ts';
import { timeInterleaved, type ListPath } from './list-latency.ts';
import { bareListSearch, LIST_QUERIES, listSearchBody, listSearchPath } from './list-search.ts';
import { startPassThroughProxy } from './pass-through-proxy.ts';
import { profileServiceAgainstProxy } from './profile-report.ts';
import { exportReport, latencyTable, listRatioRows, ratioTable, type ListPass } from './query-report.ts';
import { sameRecords } from './same-records.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1000' },
    exports: { type: 'string', default: '2' },
    profile: { type: 'string', default: '0' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const count = Number(values.records);
const requests = Number(values.requests);
const progress = (line: string) => process.stderr.write(`[bench:query] ${line}\n`);
const prefix = 'bench-query';
const TOKEN = 'bench-analyst-token-0123456789';

await onSeededData({ prefix, records: count, keepNode: values['keep-node'], progress }, ({ client, config }) =>
  withBenchService({ client, prefix, token: TOKEN, say: progress }, async (url) => {
    const api = httpGetter(url, TOKEN);
    const index = config.names.readAlias;
    const proxyServer = await startPassThroughProxy({
      target: String(client.connectionPool.connections[0]!.url).replace(/\/$/, ''),
      searchPath: listSearchPath(index),
      tokens: apiTokens([{ role: 'analyst', token: TOKEN }]),
      bodies: new Map(LIST_QUERIES.map((query) => [`/logs?${query}`, JSON.stringify(listSearchBody(query))])),
    });
    const proxy = httpGetter(proxyServer.url, TOKEN);
    try {
      for (const query of LIST_QUERIES) {
        sameRecords(query, await api.json(`/logs?${query}`), await proxy.json(`/logs?${query}`));
      }
      const paths = {
        bare: (query: string) => bareListSearch(client, index, query),
        proxy: (query: string) => proxy.get(`/logs?${query}`),
        service: (query: string) => api.get(`/logs?${query}`),
      };
      const { passes, pinning, profile } = await measureList(client, paths);
      const { loops, exports } = await measureExport({ client, index, api, rounds: Number(values.exports), progress });
      printReport(passes, pinning, profile, exportReport(count, loops, exports));
    } finally {
      api.close();
      proxy.close();
      await proxyServer.close();
    }
  }),
);

/** The list pass with the cores shared, then pinned apart (and profiled there, when asked). */
async function measureList(client: OpenSearchClient, paths: Record<'bare' | 'proxy' | 'service', ListPath>) {
  const pass = { queries: LIST_QUERIES, rounds: requests, warmup: 100 };
  const passes: ListPass[] = [];
  progress(`list, cores shared: ${requests} requests per path`);
  passes.push({ cores: 'shared', latencies: await timeInterleaved(paths, pass) });
  let profile = '';
  const pinning = await pinApart(client, progress);
  if (pinning) {
    try {
      progress(`list, pinned apart: ${requests} requests per path`);
      passes.push({ cores: 'pinned', latencies: await timeInterleaved(paths, pass) });
      const profiled = Number(values.profile);
      if (profiled > 0) {
        progress(`profiling ${profiled} requests through the service, then through the proxy`);
        profile = await profileServiceAgainstProxy({
          ...paths,
          queries: LIST_QUERIES,
          requests: profiled,
          say: progress,
        });
      }
    } finally {
      await pinning.restore();
    }
  }
  return { passes, pinning, profile };
}

function printReport(
  passes: readonly ListPass[],
  pinning: Pinning | null,
  profile: string,
  exported: ReturnType<typeof exportReport>,
): void {
  console.log(
    `## Query: ${grouped(count)} records, ${requests} list requests per path (4 queries, interleaved, one in flight), local OpenSearch "bench"\n`,
  );
  console.log(`Pinned: ${pinning?.description ?? 'not possible on this machine'}.\n`);
  console.log(latencyTable(passes));
  for (const table of exported.tables) console.log(`\n${table}`);
  console.log(`\n${ratioTable([...listRatioRows(passes), ...exported.ratios])}`);
  if (profile) console.log(`\n${profile}`);
}
