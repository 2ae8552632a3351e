import { createOpenSearchClient } from '../../../opensearch/client/create-client.ts';
import type { BulkContender } from './contender-types.ts';

const BODY_BYTES = 5 * 1024 * 1024;
const IN_FLIGHT = 2;

/**
 * The ceiling: the same documents as `create` actions with the event id as `_id` (what synclog
 * sends), serialised before the clock starts into ~5 MB bodies, two requests in flight, and
 * `filter_path` so a clean response is a few bytes. It never retries: a failure shows as a loss.
 */
export const rawLoader: BulkContender = {
  kind: 'bulk',
  packages: [],
  async open({ url, index }, lines) {
    const client = createOpenSearchClient({ urls: [url], requestTimeoutMs: 120_000 });
    const bodies: string[] = [];
    let body = '';
    let bytes = 0;
    for (let i = 0; i < lines.count; i++) {
      const text = lines.text(i);
      const id = /"event_id":"([^"]+)"/.exec(text)?.[1];
      const pair = `{"create":{"_index":"${index}","_id":"${id}"}}\n${text}\n`;
      const size = Buffer.byteLength(pair);
      if (bytes + size > BODY_BYTES && body) {
        bodies.push(body);
        body = '';
        bytes = 0;
      }
      body += pair;
      bytes += size;
    }
    if (body) bodies.push(body);

    let failedRequests = 0;
    let failedItems = 0;
    let firstError = '';
    return {
      documents: lines.count,
      async load() {
        let next = 0;
        const worker = async () => {
          while (next < bodies.length) {
            const payload = bodies[next++]!;
            try {
              const { body: response } = await client.bulk({
                body: payload,
                filter_path: 'errors,items.*.error.type',
              } as never);
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
          }
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
        await client.close();
      },
      stats: () => ({
        requests: bodies.length,
        failedRequests,
        failedItems,
        firstError: firstError.slice(0, 200) || null,
      }),
    };
  },
};
