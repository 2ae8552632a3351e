import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { Period } from '../record/index-period.ts';
import { ismPolicyId } from '../lifecycle/ism-install.ts';
import { readSetupMetadata } from '../setup/setup-metadata.ts';
import { errorStatus } from '../shared/response-errors.ts';

export interface LogIndexEnsurer {
  /** Creates the log index of `period` unless it is known to exist. Safe under races. */
  ensure(period: Period): Promise<string>;
  /** Forgets that an index exists (after it was deleted), so the next write creates it again. */
  forget(index: string): void;
}

/**
 * Log indices are created before the first write to them, with `index.creation_date` set to the
 * start of their period, so lifecycle ages follow event time. A template cannot set a per-index
 * date, and automatic creation is off for the log pattern, so this is the only way they appear.
 */
export function createLogIndexEnsurer(client: OpenSearchClient, names: IndexNames): LogIndexEnsurer {
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
      ismInCharge ??= readSetupMetadata(client, names.meta).then((m) => m?.executors.retention === 'ism', () => false);
      if (await ismInCharge) {
        await client.transport
          .request({ method: 'POST', path: `/_plugins/_ism/add/${encodeURIComponent(index)}`, body: { policy_id: ismPolicyId(names.prefix) } } as never)
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
    forget(index) {
      known.delete(index);
    },
  };
}
