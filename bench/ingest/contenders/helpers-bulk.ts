import { Client } from '@opensearch-project/opensearch';
import type { SyncLogRecord } from '../../../opensearch/record/schema.ts';
import type { RecordLines } from '../records-file.ts';
import type { BulkContender } from './contender-types.ts';

/**
 * opensearch-js `client.helpers.bulk` at its defaults (5 MB flushes, 5 in flight, 30 s flush
 * interval, the client's 3 retries on 429), on a client with its defaults. The datasource is the
 * records, parsed one at a time as the helper pulls them (the parsing is the application's input,
 * measured apart and subtracted); `onDocument` returns a `create` with the event id as `_id`, as
 * synclog sends.
 */
export const helpersBulk: BulkContender = {
  kind: 'bulk',
  packages: ['@opensearch-project/opensearch'],
  parsesRecords: true,
  async open({ url, index, note }, lines) {
    const client = new Client({ node: url });
    let stats: Record<string, number | boolean> = {};
    let dropped = 0;
    return {
      documents: lines.count,
      async load() {
        const result = await client.helpers.bulk<SyncLogRecord>({
          datasource: records(lines),
          onDocument: (record) => ({ create: { _index: index, _id: record.event_id } }),
          onDrop: (drop) => {
            if (dropped++ === 0) note(`first drop: ${JSON.stringify(drop.error).slice(0, 200)}`);
          },
        });
        stats = { ...result };
        await client.close();
      },
      stats: () => ({ ...stats, dropped }),
    };
  },
};

async function* records(lines: RecordLines): AsyncGenerator<SyncLogRecord> {
  for (let i = 0; i < lines.count; i++) yield lines.record(i);
}
