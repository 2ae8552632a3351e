import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { AlertEvent } from './alert-event.ts';

/** One webhook POST of one event, waiting in an alert's outbox until it is due. */
export interface Delivery {
  readonly url: string;
  readonly event: AlertEvent;
  readonly attempts: number;
  readonly next_attempt_at: string;
  readonly last_error?: string;
}

export type FailedDelivery = Delivery & { readonly failed_at: string };

/** The evaluator's state of one alert (`_id` its dedup key). */
export interface AlertState {
  readonly dedup_key: string;
  readonly rule: string;
  readonly group: string;
  readonly state: 'firing' | 'resolved';
  readonly started_at: string;
  readonly resolved_at?: string;
  readonly evaluated_at: string;
  /** When this alert last notified firing; inside the rule's throttle no new episode notifies again. */
  readonly fired_notified_at?: string;
  /** This episode's firing was throttled, so its resolution is not notified either. */
  readonly suppressed: boolean;
  readonly last: AlertEvent;
  readonly outbox: readonly Delivery[];
  readonly failed_deliveries: readonly FailedDelivery[];
}

/** Alert states by dedup key, as `<prefix>-alert-state` holds them (none before the first pass). */
export async function loadAlertStates(client: OpenSearchClient, names: IndexNames): Promise<Map<string, AlertState>> {
  const { body } = await client.search({
    index: names.alertState,
    ignore_unavailable: true,
    body: { size: 10_000, query: { match_all: {} } },
  } as never);
  const hits = (body as unknown as { hits: { hits: Array<{ _source: AlertState }> } }).hits.hits;
  return new Map(hits.map((h) => [h._source.dedup_key, h._source]));
}

/** Writes states one by one, each visible to the next pass before this one returns. */
export async function saveAlertStates(
  client: OpenSearchClient,
  names: IndexNames,
  states: Iterable<AlertState>,
): Promise<void> {
  for (const state of states)
    await client.index({ index: names.alertState, id: state.dedup_key, refresh: 'wait_for', body: state } as never);
}

export const iso = (ms: number) => new Date(ms).toISOString();
