import type { OpenSearchClient } from '../client/create-client.ts';
import { ismPolicyId } from '../lifecycle-policy/ism-policy-id.ts';
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

  async function create(index: string, period: Period): Promise<string> {
    try {
      await client.indices.create({
        index,
        body: { settings: { index: { creation_date: period.start.getTime() } } },
        wait_for_active_shards: '1',
      } as never);
      // ISM's ism_template only attaches to indices created after the policy, judged by
      // creation_date, which is back-dated here: where ISM runs retention, attach explicitly.
      ismInCharge ??= readSetupMetadata(client, names.meta).then(
        (m) => m?.executors.retention === 'ism',
        () => false,
      );
      if (await ismInCharge) {
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
