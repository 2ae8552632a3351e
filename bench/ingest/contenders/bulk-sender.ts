import type { OpenSearchClient } from '../../../opensearch/client/create-client.ts';
import type { ContenderStats } from './contender-types.ts';

/**
 * Sends NDJSON `_bulk` bodies as the raw loaders do: `filter_path` so a clean response is a few
 * bytes, never a retry (a failure shows as a loss), failures counted.
 */
export interface BulkSender {
  send(body: string): Promise<void>;
  stats(): ContenderStats;
}

export function createBulkSender(client: OpenSearchClient): BulkSender {
  let requests = 0;
  let failedRequests = 0;
  let failedItems = 0;
  let firstError = '';
  return {
    async send(body) {
      requests++;
      try {
        const { body: response } = await client.bulk({ body, filter_path: 'errors,items.*.error.type' } as never);
        const { errors, items } = response as {
          errors?: boolean;
          items?: Array<Record<string, { error?: { type?: string } }>>;
        };
        if (errors) {
          failedItems += items?.length ?? 0;
          firstError ||= JSON.stringify(items?.[0] ?? {});
        }
      } catch (error) {
        failedRequests++;
        firstError ||= String(error);
      }
    },
    stats: () => ({ requests, failedRequests, failedItems, firstError: firstError.slice(0, 200) || null }),
  };
}

/** The action line synclog sends for a record: `create` with the event id as `_id`. */
export const createAction = (index: string, id: string): string => `{"create":{"_index":"${index}","_id":"${id}"}}`;

export const BODY_BYTES = 5 * 1024 * 1024;
export const IN_FLIGHT = 2;
