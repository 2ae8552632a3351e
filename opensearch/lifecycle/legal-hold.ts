import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';

/** Puts a log index on legal hold: the lifecycle runner never deletes it while the hold stands. */
export async function holdIndex(client: OpenSearchClient, names: IndexNames, hold: { index: string; reason: string; by: string; at: Date }): Promise<void> {
  await client.index({ index: names.holds, id: hold.index, refresh: true, body: { index: hold.index, reason: hold.reason, by: hold.by, held_at: hold.at.toISOString() } });
}

/** Releases a hold; `false` when the index was not held. */
export async function releaseIndex(client: OpenSearchClient, names: IndexNames, index: string): Promise<boolean> {
  const { body } = await client.delete({ index: names.holds, id: index, refresh: true } as never, { ignore: [404] });
  return (body as unknown as { result?: string }).result === 'deleted';
}
