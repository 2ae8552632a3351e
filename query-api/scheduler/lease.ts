import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import { errorStatus, orNullOn404 } from '../../opensearch/shared/response-errors.ts';

export interface LeaseDocument {
  readonly kind: 'lease';
  readonly holder: string;
  readonly acquired_at: string;
  readonly renewed_at: string;
  readonly expires_at: string;
}

export interface Lease {
  /**
   * Takes the lease when it is absent or expired, renews it when this instance holds it; true
   * while this instance leads. Every write is guarded by `if_seq_no`/`if_primary_term`, so of two
   * instances racing for an expired lease exactly one wins.
   */
  hold(): Promise<boolean>;
  /** Whether this instance's lease is unexpired by its own clock: checked again before each run. */
  isHeld(): boolean;
  /** Gives the lease up (on shutdown), so another instance need not wait for it to expire. */
  release(): Promise<void>;
}

const LEASE_ID = 'leader';

export function createLease(deps: {
  client: OpenSearchClient;
  index: string;
  holder: string;
  clock: Clock;
  ttlMs: number;
}): Lease {
  const { client, index, holder, clock, ttlMs } = deps;
  let heldUntil = 0;

  async function hold(): Promise<boolean> {
    // The lease counts from before the request: a slow answer shortens it, never lengthens it.
    const now = clock.now();
    const current = await orNullOn404(client.get({ index, id: LEASE_ID }));
    const stored = current?.body as { _source?: LeaseDocument; _seq_no?: number; _primary_term?: number } | undefined;
    const lease = stored?._source;
    const mine = lease?.holder === holder;
    if (lease && !mine && Date.parse(lease.expires_at) > now) {
      heldUntil = 0;
      return false;
    }
    const document: LeaseDocument = {
      kind: 'lease',
      holder,
      acquired_at: mine && lease ? lease.acquired_at : new Date(now).toISOString(),
      renewed_at: new Date(now).toISOString(),
      expires_at: new Date(now + ttlMs).toISOString(),
    };
    try {
      await client.index({
        index,
        id: LEASE_ID,
        body: document as never,
        refresh: true,
        ...(stored ? { if_seq_no: stored._seq_no, if_primary_term: stored._primary_term } : { op_type: 'create' }),
      } as never);
    } catch (error) {
      if (errorStatus(error).status !== 409) throw error;
      heldUntil = 0;
      return false;
    }
    heldUntil = now + ttlMs;
    return true;
  }

  return {
    hold,
    isHeld: () => clock.now() < heldUntil,
    async release() {
      if (!(clock.now() < heldUntil)) return;
      heldUntil = 0;
      const current = await orNullOn404(client.get({ index, id: LEASE_ID }));
      const stored = current?.body as { _source?: LeaseDocument; _seq_no?: number; _primary_term?: number } | undefined;
      if (stored?._source?.holder !== holder) return;
      try {
        await client.delete({
          index,
          id: LEASE_ID,
          if_seq_no: stored._seq_no,
          if_primary_term: stored._primary_term,
          refresh: true,
        } as never);
      } catch (error) {
        if (![404, 409].includes(errorStatus(error).status ?? 0)) throw error;
      }
    },
  };
}

/** The lease as stored, or `null` when no instance has taken it yet. */
export async function currentLease(client: OpenSearchClient, index: string): Promise<LeaseDocument | null> {
  const current = await orNullOn404(client.get({ index, id: LEASE_ID }));
  return (current?.body as { _source?: LeaseDocument } | undefined)?._source ?? null;
}
