import type { OpenSearchClient } from '../client/create-client.ts';
import { holdsOn, readHolds, type Hold } from '../lifecycle-policy/held-indices.ts';
import { ismPolicyId } from '../lifecycle-policy/ism-policy-id.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import type { IndexNames } from '../record/index-names.ts';
import { giveBackToIsm, takeOutOfIsm } from './ism-hold.ts';
import { holdId, holdIndex, holdOf, holdRange, readHold, releaseHold, type HoldTarget } from './legal-hold.ts';
import { catIndices } from './lifecycle-facts.ts';

/**
 * Placing and lifting legal holds so that they hold whoever runs retention. The built-in runner
 * reads the hold documents, so there a document is the whole hold. ISM ignores them: there the
 * covered indices are taken out of ISM first (`ism-hold.ts`), and the document, recording which
 * were taken out, is written only when all of them are; otherwise nothing is held and what was
 * taken out is given back. Indices created later inside a held range are kept out of ISM when
 * they are created (`log-index-creation.ts`).
 */

export interface HoldDeps {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  /** Who places or lifts the hold, as the hold document records it. */
  readonly by: string;
  readonly now: () => Date;
}

export interface IndexFailure {
  readonly index: string;
  readonly reason: string;
}

export type HoldPlacement =
  | { readonly ok: true; readonly id: string; readonly executor: 'builtin' }
  | {
      readonly ok: true;
      readonly id: string;
      readonly executor: 'ism';
      /** The existing log indices the hold covers, all now outside ISM. */
      readonly covered: readonly string[];
      /** Those of them this call removed from an ISM policy. */
      readonly takenOut: readonly string[];
    }
  | {
      readonly ok: false;
      readonly id: string;
      readonly reason: string;
      /** Indices taken out for this hold that could not be given back: kept, outside ISM, until `synclog setup`. */
      readonly notGivenBack: readonly IndexFailure[];
    };

export type HoldRelease =
  | { readonly released: false }
  | { readonly released: true; readonly executor: 'builtin' }
  | {
      readonly released: true;
      readonly executor: 'ism';
      readonly givenBack: readonly string[];
      /** Indices still outside ISM: kept, not deleted, until `synclog setup` attaches them. */
      readonly failed: readonly IndexFailure[];
    };

async function ismRunsRetention(deps: HoldDeps): Promise<boolean> {
  return (await readSetupMetadata(deps.client, deps.names.meta))?.executors.retention === 'ism';
}

/** The existing log indices that `holds` cover (or, with `except`, that no hold of `except` covers). */
async function coveredIndices(deps: HoldDeps, holds: readonly Hold[], except: readonly Hold[] = []): Promise<string[]> {
  const covers = (hs: readonly Hold[], index: string) =>
    holdsOn(hs, index, deps.names.periodOfIndex(index)!).length > 0;
  return (await catIndices(deps.client, deps.names))
    .map((row) => row.index)
    .filter((index) => covers(holds, index) && !covers(except, index));
}

async function giveBack(deps: HoldDeps, indices: readonly string[]) {
  const givenBack: string[] = [];
  const failed: IndexFailure[] = [];
  for (const index of indices) {
    const result = await giveBackToIsm(deps.client, index, ismPolicyId(deps.names.prefix));
    if (!result.ok) failed.push({ index, reason: result.reason });
    else if (result.changed) givenBack.push(index);
  }
  return { givenBack, failed };
}

/** Places a hold on one index or a time range; refuses (placing nothing) when ISM cannot be made to keep it. */
export async function placeHold(deps: HoldDeps, target: HoldTarget, reason: string): Promise<HoldPlacement> {
  const { client, names } = deps;
  const at = deps.now();
  const id = holdId(target);
  const store = (ism?: Hold['ism']) => {
    const fields = { reason, by: deps.by, at, ...(ism ? { ism } : {}) };
    return 'index' in target
      ? holdIndex(client, names, { index: target.index, ...fields })
      : holdRange(client, names, { ...target, ...fields });
  };
  if (!(await ismRunsRetention(deps))) {
    await store();
    return { ok: true, id, executor: 'builtin' };
  }
  const covered = await coveredIndices(deps, [holdOf(target, { reason, by: deps.by, at })]);
  const takenOut: string[] = [];
  const refuse = async (why: string): Promise<HoldPlacement> => ({
    ok: false,
    id,
    reason: why,
    notGivenBack: (await giveBack(deps, takenOut)).failed,
  });
  for (const index of covered) {
    const result = await takeOutOfIsm(client, index);
    if (!result.ok) return refuse(result.reason);
    if (result.changed) takenOut.push(index);
  }
  try {
    // Placing the same hold again keeps the record of what its first placing took out.
    const previous = await readHold(client, names, id);
    const removed = [...new Set([...(previous?.ism?.removed ?? []), ...takenOut])].sort();
    await store({ policy_id: ismPolicyId(names.prefix), removed, at: at.toISOString() });
  } catch (error) {
    return refuse(`the hold document could not be written: ${(error as Error).message}`);
  }
  return { ok: true, id, executor: 'ism', covered, takenOut };
}

/**
 * Lifts a hold. Where ISM runs retention, the document goes first, so no index is back under ISM
 * while a hold says it is held; then every index it covered that no other hold covers is given
 * back to synclog's policy. A failure there leaves an index kept, never deleted early.
 */
export async function liftHold(deps: HoldDeps, id: string): Promise<HoldRelease> {
  const { client, names } = deps;
  if (!(await ismRunsRetention(deps)))
    return (await releaseHold(client, names, id)) ? { released: true, executor: 'builtin' } : { released: false };
  const hold = await readHold(client, names, id);
  if (!hold || !(await releaseHold(client, names, id))) return { released: false };
  const indices = await coveredIndices(deps, [hold], await readHolds(client, names));
  return { released: true, executor: 'ism', ...(await giveBack(deps, indices)) };
}
