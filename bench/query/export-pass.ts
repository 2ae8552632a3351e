import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { HttpGetter } from './http-get.ts';

const MB = 1024 * 1024;
const PAGE = 5_000;

export interface ExportRun {
  readonly seconds: number;
  readonly bytes: number;
  /** Peak JS heap in use (MiB, this process) while the first and the second half of the CSV arrived. */
  readonly heapFirstHalf: number;
  readonly heapSecondHalf: number;
}

export interface BareLoopRun {
  readonly seconds: number;
  readonly rows: number;
}

/** The API's CSV of every record, streamed to this process, with the heap sampled every 4 MiB. */
async function exportThroughApi(api: HttpGetter): Promise<ExportRun> {
  const started = performance.now();
  let bytes = 0;
  let nextSample = 0;
  const heap: number[] = [];
  await api.get('/logs/export.csv', (chunk) => {
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
}

/** A bare point-in-time + `search_after` loop over the same records, a page as large as the export's. */
async function bareLoop(client: OpenSearchClient, index: string): Promise<BareLoopRun> {
  const started = performance.now();
  const { body: pit } = await client.createPit({ index, keep_alive: '2m' } as never);
  const id = (pit as unknown as { pit_id: string }).pit_id;
  let after: unknown[] | undefined;
  let rows = 0;
  for (;;) {
    const { body } = await client.search({
      body: {
        size: PAGE,
        pit: { id, keep_alive: '2m' },
        sort: [{ '@timestamp': 'asc' }, { event_id: 'asc' }],
        track_total_hits: false,
        ...(after ? { search_after: after } : {}),
      },
    } as never);
    const hits = (body as unknown as { hits: { hits: Array<{ sort: unknown[] }> } }).hits.hits;
    rows += hits.length;
    if (hits.length < PAGE) break;
    after = hits.at(-1)!.sort;
  }
  await client.deletePit({ body: { pit_id: [id] } } as never);
  return { seconds: (performance.now() - started) / 1000, rows };
}

/** bare, export, bare, export, …, bare: each export between two bare loops, so drift hits both alike. */
export async function measureExport(options: {
  client: OpenSearchClient;
  index: string;
  api: HttpGetter;
  rounds: number;
  progress: (line: string) => void;
}): Promise<{ loops: BareLoopRun[]; exports: ExportRun[] }> {
  const loops = [await bareLoop(options.client, options.index)];
  const exports: ExportRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    options.progress(`export round ${round + 1} of ${options.rounds}`);
    exports.push(await exportThroughApi(options.api));
    loops.push(await bareLoop(options.client, options.index));
  }
  return { loops, exports };
}
