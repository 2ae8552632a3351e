import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { wallNow } from './producer-result.ts';
import { createSeenLedger } from './seen-ledger.ts';

export interface WatchOptions {
  readonly client: OpenSearchClient;
  readonly index: string;
  /** Records the producer will log: `producer_seq` 0 … expected − 1. */
  readonly expected: number;
  readonly pollMs: number;
  /** Asked after each poll that leaves records unseen: true ends the watch. */
  readonly giveUp: () => boolean;
}

export interface WatchResult {
  /** Per `producer_seq`: wall-clock ms when the poll that first saw it answered; NaN if never seen. */
  readonly firstSeen: Float64Array;
  /** Per `producer_seq`: when the poll before that one was sent; it was not searchable yet then. */
  readonly notBefore: Float64Array;
  readonly seen: number;
  readonly polls: number;
  /** Sequence searches, only when the visible records are not one contiguous run. */
  readonly fetches: number;
  /** Polls that failed (a busy node timing out): counted, and the next poll goes on. */
  readonly errors: number;
  /** How long each poll took (request sent → answer parsed). */
  readonly pollMs: readonly number[];
  /**
   * Per poll that saw something new: from the previous poll's send to this one's answer. A record
   * first seen in it became searchable somewhere inside this window; `firstSeen` is its end.
   */
  readonly uncertaintyMs: readonly number[];
  /** CPU of this process (the watcher's own) over the watch. */
  readonly cpuMicros: number;
  readonly elapsedMs: number;
}

const PAGE = 10_000;

/**
 * Polls the index for newly visible `producer_seq`s without a point in time. Each poll asks only
 * for the count and the highest sequence at or above the first one not yet seen: when the count
 * spans that whole range, every record in it is new and known without reading one of them. Only
 * when a gap shows (two bulk requests in flight, a refresh between them) are the sequences above
 * it read, sorted, `PAGE` at a time.
 */
export async function watchVisibility(options: WatchOptions): Promise<WatchResult> {
  const { client, index } = options;
  const ledger = createSeenLedger(options.expected);
  const pollMs: number[] = [];
  const uncertaintyMs: number[] = [];
  let fetches = 0;
  let errors = 0;
  let previousSentAt = wallNow();
  const cpuBefore = process.cpuUsage();
  const began = wallNow();
  while (ledger.seen < options.expected) {
    const sentAt = wallNow();
    try {
      const { count, max } = await countFrom(client, index, ledger.low);
      let answeredAt = wallNow();
      const plan = ledger.plan(count, max);
      if (plan === 'all') ledger.markUpTo(max, answeredAt, previousSentAt);
      if (plan === 'read') {
        const before = previousSentAt;
        answeredAt = await readSequences(client, index, ledger.low, (seq, at) => ledger.mark(seq, at, before));
        fetches++;
      }
      if (plan !== 'nothing') {
        uncertaintyMs.push(answeredAt - previousSentAt);
        ledger.settle();
      }
      pollMs.push(answeredAt - sentAt);
      previousSentAt = sentAt;
    } catch {
      // Records seen later keep the last good poll as their lower bound: the window only widens.
      errors++;
    }
    if (ledger.seen >= options.expected || options.giveUp()) break;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + options.pollMs - wallNow())));
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    firstSeen: ledger.firstSeen,
    notBefore: ledger.notBefore,
    seen: ledger.seen,
    polls: pollMs.length,
    fetches,
    errors,
    pollMs,
    uncertaintyMs,
    cpuMicros: cpu.user + cpu.system,
    elapsedMs: wallNow() - began,
  };
}

async function countFrom(
  client: OpenSearchClient,
  index: string,
  low: number,
): Promise<{ count: number; max: number }> {
  const { body } = await client.search({
    index,
    filter_path: 'hits.total.value,aggregations.max.value',
    body: {
      size: 0,
      track_total_hits: true,
      query: { range: { producer_seq: { gte: low } } },
      aggs: { max: { max: { field: 'producer_seq' } } },
    },
  } as never);
  const answer = body as { hits?: { total?: { value?: number } }; aggregations?: { max?: { value?: number | null } } };
  return { count: answer.hits?.total?.value ?? 0, max: answer.aggregations?.max?.value ?? low - 1 };
}

/** Reads every visible sequence from `low` up, in order; returns when the last page answered. */
async function readSequences(
  client: OpenSearchClient,
  index: string,
  low: number,
  mark: (seq: number, at: number) => void,
): Promise<number> {
  let after: number | undefined;
  for (;;) {
    const { body } = await client.search({
      index,
      filter_path: 'hits.hits.sort',
      body: {
        size: PAGE,
        _source: false,
        track_total_hits: false,
        sort: [{ producer_seq: 'asc' }],
        query: { range: { producer_seq: { gte: low } } },
        ...(after === undefined ? {} : { search_after: [after] }),
      },
    } as never);
    const at = wallNow();
    const hits = body.hits?.hits ?? [];
    for (const hit of hits) mark(Number(hit.sort?.[0]), at);
    if (hits.length < PAGE) return at;
    after = Number(hits[hits.length - 1]!.sort?.[0]);
  }
}
