import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { Period } from '../record/index-period.ts';

/**
 * Which log indices legal holds cover. It sits beside the policy definition, not with the hold
 * commands, because the shipper's write path asks it too: where ISM runs retention, a log index
 * created inside a held range is kept out of ISM from its creation.
 */

/** What a hold did where ISM runs retention: the indices it took out of ISM, given back to `policy_id` on release. */
export interface HoldIsmRecord {
  readonly policy_id: string;
  readonly removed: readonly string[];
  readonly at: string;
}

interface HoldFields {
  readonly id: string;
  readonly reason: string;
  readonly by: string;
  readonly held_at: string;
  /** Present where ISM ran retention when the hold was placed. */
  readonly ism?: HoldIsmRecord;
}

/** A legal hold: on one index, or on every index whose event-time period overlaps [from, to). */
export type Hold =
  (HoldFields & { readonly index: string }) | (HoldFields & { readonly from: string; readonly to: string });

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
