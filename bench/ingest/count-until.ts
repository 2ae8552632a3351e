import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';

export interface CountOptions {
  readonly client: OpenSearchClient;
  readonly index: string;
  readonly expected: number;
  /** `performance.now()` at the deadline: whatever is counted then is what the contender delivered. */
  readonly deadline: number;
  /** Counting starts when this settles: nothing can be complete before the last record was logged. */
  readonly logged: Promise<unknown>;
  /** Settles when the contender says it is done (close, flush, end): counted at once, not at the next poll. */
  readonly done: Promise<unknown>;
  /** Default 500 ms between polls. */
  readonly pollMs?: number;
  /** Default 10 s: after `done`, a count that stays put this long is final (peers lose documents). */
  readonly quietAfterDoneMs?: number;
  /** Default 30 s: a count that stays put this long is final even without `done` (a peer stuck on retries). */
  readonly stallMs?: number;
}

export interface Counted {
  readonly count: number;
  /** `performance.now()` when the poll that first saw the final count answered. */
  readonly at: number;
  readonly end: 'complete' | 'time limit' | 'done, short' | 'stalled';
}

/**
 * Refresh + count until every document is searchable, or the contender is evidently finished
 * short of it, or the deadline. A contender's time ends when its last document is counted.
 */
export async function countUntil(options: CountOptions): Promise<Counted> {
  const { client, index, expected, deadline } = options;
  const pollMs = options.pollMs ?? 500;
  let doneAt: number | null = null;
  const done = options.done.then(
    () => (doneAt = performance.now()),
    () => (doneAt = performance.now()),
  );
  await Promise.race([options.logged.catch(() => {}), sleep(Math.max(0, deadline - performance.now()))]);

  let count = -1;
  let changedAt = performance.now();
  let wakeOnDone: Promise<unknown> = done;
  for (;;) {
    const fresh = await refreshedCount(client, index);
    if (fresh !== null && fresh !== count) {
      count = fresh;
      // When the count was known, not when the poll began: "until every document is counted".
      changedAt = performance.now();
    }
    if (count >= expected) return { count, at: changedAt, end: 'complete' };
    const after = performance.now();
    if (after >= deadline) return { count: Math.max(count, 0), at: changedAt, end: 'time limit' };
    if (doneAt !== null && after - Math.max(doneAt, changedAt) >= (options.quietAfterDoneMs ?? 10_000)) {
      return { count: Math.max(count, 0), at: changedAt, end: 'done, short' };
    }
    if (after - changedAt >= (options.stallMs ?? 30_000))
      return { count: Math.max(count, 0), at: changedAt, end: 'stalled' };
    const wait = Math.min(pollMs, deadline - after);
    const woken = await Promise.race([wakeOnDone.then(() => 'done' as const), sleep(wait).then(() => 'poll' as const)]);
    // `done` wakes the loop once; after that it polls at its pace.
    if (woken === 'done') wakeOnDone = new Promise(() => {});
  }
}

async function refreshedCount(client: OpenSearchClient, index: string): Promise<number | null> {
  try {
    await client.indices.refresh({ index });
    const { body } = await client.count({ index });
    return (body as { count: number }).count;
  } catch {
    // A busy node may time out a refresh; the next poll tries again.
    return null;
  }
}
