import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { errorStatus, orNullOn404 } from '../shared/response-errors.ts';
import { alertEventId, type AlertEvent } from './alert-event.ts';

export interface StoredAlert extends AlertEvent {
  readonly first_at: string;
  readonly events: number;
  readonly acknowledged?: { readonly by: string; readonly at: string; readonly comment?: string };
}

/**
 * Keeps an alert event: appended to the events index under its event id (a redelivery is
 * recognised and changes nothing), and folded into the alert's document — its latest event wins,
 * and a new firing episode clears the acknowledgement of the last one. Returns false for a redelivery.
 */
export async function recordAlertEvent(
  client: OpenSearchClient,
  names: IndexNames,
  event: AlertEvent,
  receivedAt: Date,
): Promise<boolean> {
  const normalised = {
    ...event,
    at: new Date(event.at).toISOString(),
    started_at: new Date(event.started_at).toISOString(),
  };
  try {
    await client.index({
      index: names.alertEvents,
      id: alertEventId(normalised),
      op_type: 'create',
      body: { ...normalised, received_at: receivedAt.toISOString() },
    } as never);
  } catch (error) {
    if (errorStatus(error).status === 409) return false;
    throw error;
  }
  await client.update({
    index: names.alerts,
    id: normalised.dedup_key,
    retry_on_conflict: 5,
    refresh: true,
    body: {
      upsert: { ...normalised, first_at: normalised.at, events: 1 },
      script: {
        lang: 'painless',
        source: [
          'if (params.e.at.compareTo(ctx._source.at) >= 0) {',
          "  if (params.e.state == 'firing' && params.e.started_at != ctx._source.started_at) { ctx._source.remove('acknowledged'); }",
          '  for (def k : params.e.keySet()) { ctx._source[k] = params.e[k]; }',
          '}',
          'ctx._source.events += 1;',
        ].join('\n'),
        params: { e: normalised },
      },
    },
  } as never);
  return true;
}

/** Alerts, latest event first. */
export async function listAlerts(
  client: OpenSearchClient,
  names: IndexNames,
  filter: { state?: string | undefined; rule?: string | undefined; limit: number },
): Promise<StoredAlert[]> {
  const terms = [
    filter.state ? { term: { state: filter.state } } : null,
    filter.rule ? { term: { rule: filter.rule } } : null,
  ].filter(Boolean);
  const { body } = await client.search({
    index: names.alerts,
    ignore_unavailable: true,
    body: { size: filter.limit, sort: [{ at: 'desc' }, { dedup_key: 'asc' }], query: { bool: { filter: terms } } },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: StoredAlert }> } }).hits.hits.map((h) => h._source);
}

/** Marks an alert acknowledged (who, when, comment); `null` when there is no such alert. */
export async function acknowledgeAlert(
  client: OpenSearchClient,
  names: IndexNames,
  dedupKey: string,
  ack: { by: string; at: Date; comment?: string | undefined },
): Promise<StoredAlert | null> {
  const acknowledged = { by: ack.by, at: ack.at.toISOString(), ...(ack.comment ? { comment: ack.comment } : {}) };
  const updated = await orNullOn404(
    client.update({
      index: names.alerts,
      id: dedupKey,
      refresh: true,
      _source: true,
      body: { doc: { acknowledged } },
    } as never),
  );
  return updated ? (updated as unknown as { body: { get: { _source: StoredAlert } } }).body.get._source : null;
}
