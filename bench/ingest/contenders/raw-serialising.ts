import { createOpenSearchClient } from '../../../opensearch/client/create-client.ts';
import { BODY_BYTES, createAction, createBulkSender, IN_FLIGHT } from './bulk-sender.ts';
import type { BulkContender } from './contender-types.ts';

/**
 * The raw loader as an application would write it over records it holds as objects: each record
 * parsed (the application's input, measured apart and subtracted) and `JSON.stringify`-ed as it
 * goes into ~5 MB `_bulk` bodies of `create` actions with the event id as `_id`, two in flight,
 * `filter_path`, no retries. Its CPU per record is the least a shipper that serialises can spend.
 */
export const rawSerialising: BulkContender = {
  kind: 'bulk',
  packages: [],
  parsesRecords: true,
  async open({ url, index }, lines) {
    const client = createOpenSearchClient({ urls: [url], requestTimeoutMs: 120_000 });
    const sender = createBulkSender(client);
    return {
      documents: lines.count,
      async load() {
        const inFlight = new Set<Promise<void>>();
        const send = async (body: string) => {
          while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
          const request = sender.send(body).finally(() => inFlight.delete(request));
          inFlight.add(request);
          // Lets the request start before the next body is built.
          await new Promise((resolve) => setImmediate(resolve));
        };
        let body = '';
        let bytes = 0;
        for (let i = 0; i < lines.count; i++) {
          const record = lines.record(i);
          const pair = `${createAction(index, record.event_id)}\n${JSON.stringify(record)}\n`;
          const size = Buffer.byteLength(pair);
          if (bytes + size > BODY_BYTES && body) {
            await send(body);
            body = '';
            bytes = 0;
          }
          body += pair;
          bytes += size;
        }
        if (body) await send(body);
        await Promise.all(inFlight);
        await client.close();
      },
      stats: sender.stats,
    };
  },
};
