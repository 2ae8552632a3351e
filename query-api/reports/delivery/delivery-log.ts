import type { OpenSearchClient } from '../../../opensearch/client/create-client.ts';
import { errorStatus } from '../../../opensearch/shared/response-errors.ts';

export interface Delivery {
  readonly run_id: string;
  readonly report: string;
  readonly period: string;
  readonly channel: 'email' | 'webhook';
  readonly target: string;
  readonly delivered_at: string;
  readonly detail: string;
}

export interface DeliveryLog {
  /** The targets (`<channel>:<target>`) this run already reached. */
  reached(runId: string): Promise<Set<string>>;
  record(delivery: Delivery): Promise<void>;
}

export const targetKey = (channel: Delivery['channel'], target: string) => `${channel}:${target}`;

/** Deliveries of scheduled reports, kept in OpenSearch so every instance sees them. */
export function deliveryLog(client: OpenSearchClient, index: string): DeliveryLog {
  return {
    async reached(runId) {
      const { body } = await client.search({
        index,
        body: { size: 1_000, query: { term: { run_id: runId } }, _source: ['channel', 'target'] },
      } as never);
      const hits = (body as unknown as { hits: { hits: Array<{ _source: Pick<Delivery, 'channel' | 'target'> }> } })
        .hits.hits;
      return new Set(hits.map((h) => targetKey(h._source.channel, h._source.target)));
    },
    async record(delivery) {
      try {
        await client.index({
          index,
          id: `${delivery.run_id}|${targetKey(delivery.channel, delivery.target)}`,
          op_type: 'create',
          refresh: true,
          body: delivery,
        } as never);
      } catch (error) {
        // Recorded already: an earlier attempt got this far.
        if (errorStatus(error).status !== 409) throw error;
      }
    },
  };
}
