/**
 * Query benchmark on a hot/cold cluster: a local 2-node cluster of its own (node 0 `temp=hot`,
 * node 1 `temp=cold`), the older half of the monthly indices made cold by the retention runner's
 * own cold step; then `GET /logs` and the bare client in three scopes (hot-only months, cold-only
 * months, all months), interleaved, and a CSV export of everything against a bare PIT loop.
 *
 *   node --import tsx bench/query/hot-cold-run.ts [--records 1000000] [--requests 1000] [--exports 2]
 *                                                 [--span-days 120] [--keep-node]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fixed, grouped } from '../shared/format-table.ts';
import { onSeededData } from '../shared/seeded-data.ts';
import { withBenchService } from './bench-service.ts';
import { measureExport } from './export-pass.ts';
import { placementTable, scopeLatencyTable, scopeRatioTable } from './hot-cold-report.ts';
import { placeHotCold } from './hot-cold-placement.ts';
import { checkScopes, SCOPE_QUERIES, scopePaths, scopeRanges } from './hot-cold-scopes.ts';
import { httpGetter } from './http-get.ts';
import { timeInterleaved } from './list-latency.ts';
import { exportReport, ratioTable } from './query-report.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1000' },
    exports: { type: 'string', default: '2' },
    // 120 days from 1 January: four months, two cold and two hot of about the same size.
    'span-days': { type: 'string', default: '120' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const count = Number(values.records);
const requests = Number(values.requests);
const progress = (line: string) => process.stderr.write(`[bench:query-hot-cold] ${line}\n`);
const CLUSTER = { name: 'bench-hotcold', nodes: 2 };
const prefix = 'bench-hotcold';
const TOKEN = 'bench-analyst-token-0123456789';
const began = performance.now();
const loadBefore = loadavg();

await onSeededData(
  {
    prefix,
    records: count,
    keepNode: values['keep-node'],
    progress,
    cluster: CLUSTER,
    spanDays: Number(values['span-days']),
  },
  async ({ client, config }) => {
    const placement = await placeHotCold(client, config, progress);
    const ranges = scopeRanges(placement.cold, placement.hot);
    const index = config.names.readAlias;
    await withBenchService({ client, prefix, token: TOKEN, say: progress }, async (url) => {
      const api = httpGetter(url, TOKEN);
      try {
        const shards = await checkScopes(client, index, api, ranges);
        progress(`list: ${requests} requests per scope and path (service, bare client; hot, cold, both)`);
        const latencies = await timeInterleaved(scopePaths(client, index, api, ranges), {
          queries: SCOPE_QUERIES,
          rounds: requests,
          warmup: 100,
        });
        const { loops, exports } = await measureExport({
          client,
          index,
          api,
          rounds: Number(values.exports),
          progress,
        });
        const exported = exportReport(count, loops, exports);
        console.log(
          `## Query on a hot/cold cluster: ${grouped(count)} records, ${requests} list requests per scope and path (4 queries, interleaved, one in flight), local 2-node OpenSearch "${CLUSTER.name}", cores shared\n`,
        );
        console.log(`${placementTable(placement)}\n`);
        console.log(`${scopeLatencyTable(latencies, ranges, shards)}\n`);
        console.log(`${scopeRatioTable(latencies)}`);
        for (const table of exported.tables) console.log(`\n${table}`);
        if (exported.ratios.length > 0) console.log(`\n${ratioTable(exported.ratios)}`);
      } finally {
        api.close();
      }
    });
  },
);
const loadAfter = loadavg();
console.log(
  `\nLoad average (1, 5, 15 min) before: ${loadBefore.map((l) => fixed(l, 2)).join(', ')}; after: ${loadAfter.map((l) => fixed(l, 2)).join(', ')}. Whole run ${fixed((performance.now() - began) / 60_000, 1)} min.`,
);
