import type { OpenSearchClient } from '../client/create-client.ts';
import { holdsOn, readHolds } from '../lifecycle-policy/held-indices.ts';
import { ISM_AUTO_MANAGE_SETTING, ismPolicyId } from '../lifecycle-policy/ism-policy-id.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { Period } from '../record/index-period.ts';
import { errorStatus } from '../shared/response-errors.ts';

/** Creates log indices, once each: what this process knows to exist, and what it is creating now. */
export interface LogIndexCreation {
  /** Creates the log index of `period` unless it is known to exist; concurrent calls share one request. */
  ensure(period: Period): Promise<string>;
  isKnown(index: string): boolean;
  isCreating(index: string): boolean;
  forget(index: string): void;
}

export function createLogIndexCreation(client: OpenSearchClient, names: IndexNames): LogIndexCreation {
  const known = new Set<string>();
  const inFlight = new Map<string, Promise<string>>();
  let ismInCharge: Promise<boolean> | null = null;

  /** Where ISM runs retention: kept out of it when a legal hold covers the index, or when the holds cannot be read. */
  async function keptOutOfIsm(index: string, period: Period): Promise<boolean> {
    try {
      return holdsOn(await readHolds(client, names), index, period).length > 0;
    } catch {
      return true; // a held index must not reach ISM; `synclog retention verify` reports an unheld one left out
    }
  }

  async function create(index: string, period: Period): Promise<string> {
    try {
      ismInCharge ??= readSetupMetadata(client, names.meta).then(
        (m) => m?.executors.retention === 'ism',
        () => false,
      );
      const ism = await ismInCharge;
      const keptOut = ism && (await keptOutOfIsm(index, period));
      await client.indices.create({
        index,
        body: {
          settings: {
            index: { creation_date: period.start.getTime() },
            // ISM's ism_template would attach a held index on its own (see legal holds in docs/retention.md).
            ...(keptOut ? { [ISM_AUTO_MANAGE_SETTING]: false } : {}),
          },
        },
        wait_for_active_shards: '1',
      } as never);
      // ISM's ism_template only attaches to indices created after the policy, judged by
      // creation_date, which is back-dated here: where ISM runs retention, attach explicitly.
      if (ism && !keptOut) {
        await client.transport
          .request({
            method: 'POST',
            path: `/_plugins/_ism/add/${encodeURIComponent(index)}`,
            body: { policy_id: ismPolicyId(names.prefix) },
          } as never)
          .catch(() => {}); // `synclog retention verify` reports an index left unmanaged
      }
    } catch (error) {
      // Several producers create the same new period at once: the first wins, the rest are fine.
      if (errorStatus(error).type !== 'resource_already_exists_exception') throw error;
    }
    known.add(index);
    return index;
  }

  return {
    ensure(period) {
      const index = names.logIndex(period);
      if (known.has(index)) return Promise.resolve(index);
      let pending = inFlight.get(index);
      if (!pending) {
        pending = create(index, period).finally(() => inFlight.delete(index));
        inFlight.set(index, pending);
      }
      return pending;
    },
    isKnown: (index) => known.has(index),
    isCreating: (index) => inFlight.has(index),
    forget(index) {
      known.delete(index);
    },
  };
}
