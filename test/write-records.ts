import type { OpenSearchClient } from '../opensearch/client/create-client.ts';
import { createLogIndexEnsurer } from '../opensearch/log-indices/ensure-log-index.ts';
import type { IndexNames } from '../opensearch/record/index-names.ts';
import { periodOf, type IndexPeriod } from '../opensearch/record/index-period.ts';

/** Writes records the way the shipper does (create ops, event id as `_id`) and refreshes. */
export async function writeRecords(
  client: OpenSearchClient,
  names: IndexNames,
  unit: IndexPeriod,
  records: ReadonlyArray<Record<string, unknown> & { '@timestamp': string; event_id: string }>,
): Promise<Array<{ status: number; error?: { type: string; reason: string } }>> {
  const ensurer = createLogIndexEnsurer(client, names);
  const body: unknown[] = [];
  for (const record of records) {
    const index = await ensurer.ensure(periodOf(record['@timestamp'], unit));
    body.push({ create: { _index: index, _id: record.event_id } }, record);
  }
  const { body: response } = await client.bulk({ body: body as never, refresh: true });
  return (response.items as Array<{ create: { status: number; error?: { type: string; reason: string } } }>).map(
    (i) => i.create,
  );
}
