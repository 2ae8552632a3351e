import type { OpenSearchClient } from '../client/create-client.ts';
import type { Period } from '../record/index-period.ts';
import type { IndexNames } from '../record/index-names.ts';

/** A legal hold: on one index, or on every index whose event-time period overlaps [from, to). */
export type Hold =
  | {
      readonly id: string;
      readonly index: string;
      readonly reason: string;
      readonly by: string;
      readonly held_at: string;
    }
  | {
      readonly id: string;
      readonly from: string;
      readonly to: string;
      readonly reason: string;
      readonly by: string;
      readonly held_at: string;
    };

/** Puts a log index on hold: the lifecycle runner never deletes it (nor its archive) while the hold stands. */
export async function holdIndex(
  client: OpenSearchClient,
  names: IndexNames,
  hold: { index: string; reason: string; by: string; at: Date },
): Promise<string> {
  const id = hold.index;
  await client.index({
    index: names.holds,
    id,
    refresh: true,
    body: { index: hold.index, reason: hold.reason, by: hold.by, held_at: hold.at.toISOString() },
  });
  return id;
}

/** Holds every index (and archive) whose records fall in [from, to): a query's time range. */
export async function holdRange(
  client: OpenSearchClient,
  names: IndexNames,
  hold: { from: Date; to: Date; reason: string; by: string; at: Date },
): Promise<string> {
  const id = `range:${hold.from.toISOString()}..${hold.to.toISOString()}`;
  await client.index({
    index: names.holds,
    id,
    refresh: true,
    body: {
      from: hold.from.toISOString(),
      to: hold.to.toISOString(),
      reason: hold.reason,
      by: hold.by,
      held_at: hold.at.toISOString(),
    },
  });
  return id;
}

/** Releases a hold by its id (the index name, or `range:<from>..<to>`); `false` when there was none. */
export async function releaseHold(client: OpenSearchClient, names: IndexNames, id: string): Promise<boolean> {
  const { body } = await client.delete({ index: names.holds, id, refresh: true } as never, { ignore: [404] });
  return (body as unknown as { result?: string }).result === 'deleted';
}

export async function readHolds(client: OpenSearchClient, names: IndexNames): Promise<Hold[]> {
  const { body } = await client.search({
    index: names.holds,
    body: { size: 10_000, query: { match_all: {} } },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _id: string; _source: Omit<Hold, 'id'> }> } }).hits.hits.map(
    (hit) => ({ id: hit._id, ...hit._source }) as Hold,
  );
}

/** The holds that cover an index of `period`. */
export function holdsOn(holds: readonly Hold[], index: string, period: Pick<Period, 'start' | 'end'>): Hold[] {
  return holds.filter((hold) =>
    'index' in hold
      ? hold.index === index
      : Date.parse(hold.from) < period.end.getTime() && Date.parse(hold.to) > period.start.getTime(),
  );
}
