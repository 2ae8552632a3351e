import { createOpenSearchClient } from '../../../opensearch/client/create-client.ts';
import { BODY_BYTES, createAction, createBulkSender, IN_FLIGHT } from './bulk-sender.ts';
import type { BulkContender } from './contender-types.ts';

/**
 * The ceiling: the same documents as `create` actions with the event id as `_id` (what synclog
 * sends), serialised before the clock starts into ~5 MB bodies, two requests in flight, and
 * `filter_path` so a clean response is a few bytes. It never retries: a failure shows as a loss.
 */
export const rawLoader: BulkContender = {
  kind: 'bulk',
  packages: [],
  parsesRecords: false,
  async open({ url, index }, lines) {
    const client = createOpenSearchClient({ urls: [url], requestTimeoutMs: 120_000 });
    const bodies: string[] = [];
    let body = '';
    let bytes = 0;
    for (let i = 0; i < lines.count; i++) {
      const text = lines.text(i);
      const id = /"event_id":"([^"]+)"/.exec(text)?.[1] ?? '';
      const pair = `${createAction(index, id)}\n${text}\n`;
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

    const sender = createBulkSender(client);
    return {
      documents: lines.count,
      async load() {
        let next = 0;
        const worker = async () => {
          while (next < bodies.length) await sender.send(bodies[next++]!);
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
        await client.close();
      },
      stats: sender.stats,
    };
  },
};
