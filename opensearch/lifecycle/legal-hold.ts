import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { orNullOn404 } from '../shared/response-errors.ts';
import type { Hold, HoldIsmRecord } from '../lifecycle-policy/held-indices.ts';

export { holdsOn, readHolds } from '../lifecycle-policy/held-indices.ts';
export type { Hold, HoldIsmRecord } from '../lifecycle-policy/held-indices.ts';

/**
 * The hold documents in `<prefix>-holds`. Writing one is what keeps an index from the built-in
 * runner; where ISM runs retention, `placeHold` (hold-enforcement.ts) takes the indices out of
 * ISM first and only then writes the document, so no hold is stored that is not enforced.
 */

/** What a hold covers: one index, or every index whose event-time period overlaps [from, to). */
export type HoldTarget = { readonly index: string } | { readonly from: Date; readonly to: Date };

/** A hold's id: the index name, or `range:<from>..<to>`; placing the same hold again rewrites it. */
export function holdId(target: HoldTarget): string {
  return 'index' in target ? target.index : `range:${target.from.toISOString()}..${target.to.toISOString()}`;
}

/** The hold as `holdsOn` reads it, before it is stored. */
export function holdOf(target: HoldTarget, fields: { reason: string; by: string; at: Date }): Hold {
  const common = { id: holdId(target), reason: fields.reason, by: fields.by, held_at: fields.at.toISOString() };
  return 'index' in target
    ? { ...common, index: target.index }
    : { ...common, from: target.from.toISOString(), to: target.to.toISOString() };
}

async function writeHold(client: OpenSearchClient, names: IndexNames, hold: Hold): Promise<string> {
  const { id, ...body } = hold;
  await client.index({ index: names.holds, id, refresh: true, body });
  return id;
}

/** Puts a log index on hold: the lifecycle runner never deletes it (nor its archive) while the hold stands. */
export async function holdIndex(
  client: OpenSearchClient,
  names: IndexNames,
  hold: { index: string; reason: string; by: string; at: Date; ism?: HoldIsmRecord },
): Promise<string> {
  return writeHold(client, names, { ...holdOf({ index: hold.index }, hold), ...(hold.ism ? { ism: hold.ism } : {}) });
}

/** Holds every index (and archive) whose records fall in [from, to): a query's time range. */
export async function holdRange(
  client: OpenSearchClient,
  names: IndexNames,
  hold: { from: Date; to: Date; reason: string; by: string; at: Date; ism?: HoldIsmRecord },
): Promise<string> {
  return writeHold(client, names, { ...holdOf(hold, hold), ...(hold.ism ? { ism: hold.ism } : {}) });
}

/** One hold by its id, or `null` when there is none. */
export async function readHold(client: OpenSearchClient, names: IndexNames, id: string): Promise<Hold | null> {
  const found = await orNullOn404(client.get({ index: names.holds, id }));
  return found?.body.found ? ({ id, ...(found.body._source as object) } as Hold) : null;
}

/** Releases a hold by its id (the index name, or `range:<from>..<to>`); `false` when there was none. */
export async function releaseHold(client: OpenSearchClient, names: IndexNames, id: string): Promise<boolean> {
  const { body } = await client.delete({ index: names.holds, id, refresh: true } as never, { ignore: [404] });
  return (body as unknown as { result?: string }).result === 'deleted';
}
