/**
 * Query benchmark: the main list query and a CSV export through the HTTP API, against the same
 * OpenSearch requests issued by the bare client in the same run, on a seeded data set.
 *
 *   node --import tsx bench/query/run.ts [--records 1000000] [--requests 1000] [--exports 2] [--keep-node]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serviceConfigFromEnv } from '../../query-api/config/service-config.ts';
import { createService } from '../../query-api/create-service.ts';
import { logsQuerySchema } from '../../query-api/logs/logs-query-schema.ts';
import { logsFilter } from '../../query-api/logs/logs-search.ts';
import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import { onSeededData } from '../shared/seeded-data.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1000' },
    exports: { type: 'string', default: '2' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const count = Number(values.records);
const requests = Number(values.requests);
const exportRounds = Number(values.exports);
const progress = (line: string) => process.stderr.write(`[bench:query] ${line}\n`);
const prefix = 'bench-query';
const TOKEN = 'bench-analyst-token-0123456789';
const MB = 1024 * 1024;

await onSeededData({ prefix, records: count, keepNode: values['keep-node'], progress }, async ({ client, config }) => {
  // As `synclog serve` runs it: accesses recorded through a write-ahead log, indexed in the
  // background. The scheduler's jobs stay off, so they add no load to either side.
  const home = mkdtempSync(join(tmpdir(), 'synclog-bench-query-'));
  const service = createService(
    serviceConfigFromEnv({
      SYNCLOG_INDEX_PREFIX: prefix,
      SYNCLOG_HOME: home,
      SYNCLOG_API_TOKENS: `analyst:${TOKEN}`,
      SYNCLOG_SCHEDULER_ENABLED: 'false',
    }),
    { client, port: 0, say: progress },
  );
  const url = await service.start();
  // The API is called through node:http with keep-alive, the HTTP stack the bare OpenSearch client uses too.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string, onChunk: (chunk: Buffer) => void = () => {}) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${url}${path}`, { agent, headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode}`));
        res.on('data', onChunk);
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const queries = [
    'status=error',
    'operation_type=import_from_1c&status=error,warning',
    'customer_role=dealer&from=2026-01-10&to=2026-02-10',
    'q=timeout',
  ];

  /** The request the API makes for a query string, issued directly. */
  const bare = async (query: string) => {
    const parsed = logsQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
    await client.search({
      index: config.names.readAlias,
      body: {
        size: parsed.size + 1,
        query: logsFilter(parsed),
        sort: [{ '@timestamp': { order: 'desc', missing: '_first' } }, { event_id: { order: 'desc' } }],
        track_total_hits: 10_000,
      },
    } as never);
  };
  const api = (query: string) => get(`/logs?${query}`);
  const time = async (fn: () => Promise<void>) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  progress(`list: ${requests} requests per side`);
  for (let i = 0; i < 100; i++) await Promise.all([bare(queries[i % 4]!), api(queries[i % 4]!)]); // warm-up
  const latencies = { api: [] as number[], bare: [] as number[] };
  for (let i = 0; i < requests; i++) {
    const query = queries[i % queries.length]!;
    // Interleaved, alternating which goes first, so drift hits both alike.
    if (i % 2 === 0) {
      latencies.bare.push(await time(() => bare(query)));
      latencies.api.push(await time(() => api(query)));
    } else {
      latencies.api.push(await time(() => api(query)));
      latencies.bare.push(await time(() => bare(query)));
    }
  }
  const pct = (list: number[], p: number) =>
    [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]!;

  // Export: the API's CSV of everything vs a bare PIT + search_after loop over the same records.
  const exportRows = async () => {
    const started = performance.now();
    let bytes = 0;
    let nextSample = 0;
    const heap: number[] = []; // MiB in use, every 4 MiB of CSV received
    await get('/logs/export.csv', (chunk) => {
      bytes += chunk.length;
      if (bytes >= nextSample) {
        heap.push(process.memoryUsage().heapUsed / MB);
        nextSample += 4 * MB;
      }
    });
    const half = Math.floor(heap.length / 2);
    return {
      seconds: (performance.now() - started) / 1000,
      bytes,
      heapFirstHalf: Math.max(...heap.slice(1, half)),
      heapSecondHalf: Math.max(...heap.slice(half)),
    };
  };
  const bareLoop = async () => {
    const started = performance.now();
    const { body: pit } = await client.createPit({ index: config.names.readAlias, keep_alive: '2m' } as never);
    const id = (pit as unknown as { pit_id: string }).pit_id;
    let after: unknown[] | undefined;
    let rows = 0;
    for (;;) {
      const { body } = await client.search({
        body: {
          size: 5_000,
          pit: { id, keep_alive: '2m' },
          sort: [{ '@timestamp': 'asc' }, { event_id: 'asc' }],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        },
      } as never);
      const hits = (body as unknown as { hits: { hits: Array<{ sort: unknown[] }> } }).hits.hits;
      rows += hits.length;
      if (hits.length < 5_000) break;
      after = hits.at(-1)!.sort;
    }
    await client.deletePit({ body: { pit_id: [id] } } as never);
    return { seconds: (performance.now() - started) / 1000, rows };
  };
  // bare, export, bare, export, …, bare: each export between two bare loops, so drift hits both alike.
  const loops = [await bareLoop()];
  const exports: Array<Awaited<ReturnType<typeof exportRows>>> = [];
  for (let round = 0; round < exportRounds; round++) {
    progress(`export round ${round + 1} of ${exportRounds}`);
    exports.push(await exportRows());
    loops.push(await bareLoop());
  }
  agent.destroy();
  await service.stop();
  rmSync(home, { recursive: true, force: true });

  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
  const loopSeconds = mean(loops.map((l) => l.seconds));
  const exportSeconds = mean(exports.map((e) => e.seconds));
  const p95Ratio = pct(latencies.api, 95) / pct(latencies.bare, 95);
  const exportRatio = count / exportSeconds / (loops[0]!.rows / loopSeconds);
  console.log(
    `## Query: ${grouped(count)} records, ${requests} list requests per side (4 queries, interleaved), local OpenSearch "bench"\n`,
  );
  console.log(
    formatTable(
      ['path', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        [
          'bare client search',
          fixed(pct(latencies.bare, 50), 2),
          fixed(pct(latencies.bare, 95), 2),
          fixed(pct(latencies.bare, 99), 2),
        ],
        [
          'GET /logs (HTTP, auth, validation, access log)',
          fixed(pct(latencies.api, 50), 2),
          fixed(pct(latencies.api, 95), 2),
          fixed(pct(latencies.api, 99), 2),
        ],
        [
          'difference',
          fixed(pct(latencies.api, 50) - pct(latencies.bare, 50), 2),
          fixed(pct(latencies.api, 95) - pct(latencies.bare, 95), 2),
          fixed(pct(latencies.api, 99) - pct(latencies.bare, 99), 2),
        ],
      ],
    ),
  );
  console.log('');
  console.log(
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
          grouped(count),
          fixed(exportSeconds, 1),
          grouped(count / exportSeconds),
        ],
      ],
    ),
  );
  console.log('');
  console.log(
    formatTable(
      ['export memory (JS heap in use, this process)', ...exports.map((_, i) => `run ${i + 1} MiB`)],
      [
        ['peak while the first half of the CSV arrived', ...exports.map((e) => fixed(e.heapFirstHalf, 0))],
        ['peak while the second half arrived', ...exports.map((e) => fixed(e.heapSecondHalf, 0))],
      ],
    ),
  );
  console.log('');
  const flat = exports.every((e) => e.heapSecondHalf <= e.heapFirstHalf * 1.25 + 16);
  console.log(
    formatTable(
      ['ratio', 'value', 'target', 'met'],
      [
        ['API p95 ÷ bare client p95', `${fixed(p95Ratio, 2)}×`, '≤ 1.10×', p95Ratio <= 1.1 ? 'yes' : 'NO'],
        [
          'export rows/s ÷ bare PIT loop rows/s',
          `${fixed(exportRatio, 2)}×`,
          '≥ 0.8×',
          exportRatio >= 0.8 ? 'yes' : 'NO',
        ],
        [
          'export heap, second half ÷ first half',
          `${fixed(mean(exports.map((e) => e.heapSecondHalf / e.heapFirstHalf)), 2)}×`,
          'flat',
          flat ? 'yes' : 'NO',
        ],
      ],
    ),
  );
});
