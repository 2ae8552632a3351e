import type { OpenSearchClient } from '../client/create-client.ts';
import { errorStatus } from '../shared/response-errors.ts';

/** Takes the archive snapshot of one index (or adopts the one of that name already taken) and checks it. */
export async function takeArchiveSnapshot(
  client: OpenSearchClient,
  repository: string,
  snapshot: string,
  index: string,
): Promise<void> {
  try {
    await client.snapshot.create(
      {
        repository,
        snapshot,
        wait_for_completion: true,
        body: { indices: index, include_global_state: false },
      } as never,
      { requestTimeout: 3_600_000 },
    );
  } catch (error) {
    // A pass cut short after starting this very snapshot: it goes on inside OpenSearch, and is
    // adopted below once it has ended.
    if (errorStatus(error).type !== 'invalid_snapshot_name_exception') throw error;
    await snapshotEnded(client, repository, snapshot);
  }
  if (!(await snapshotHolds(client, repository, snapshot, index)))
    throw new Error(`snapshot ${repository}/${snapshot} did not complete for ${index}`);
}

const SNAPSHOT_POLL_MS = 500;
const SNAPSHOT_WAIT_MS = 3_600_000;

/** Resolves once the named snapshot is no longer in progress (or the hour a snapshot may take has passed). */
async function snapshotEnded(client: OpenSearchClient, repository: string, snapshot: string): Promise<void> {
  const deadline = Date.now() + SNAPSHOT_WAIT_MS;
  while (Date.now() < deadline) {
    const { body } = await client.snapshot.get({ repository, snapshot } as never);
    const state = (body as unknown as { snapshots?: Array<{ state: string }> }).snapshots?.[0]?.state;
    if (state !== 'IN_PROGRESS' && state !== 'STARTED') return;
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_POLL_MS));
  }
}

/** The snapshot exists, succeeded on every shard, and holds the index. */
export async function snapshotHolds(
  client: OpenSearchClient,
  repository: string,
  snapshot: string,
  index: string,
): Promise<boolean> {
  try {
    const { body } = await client.snapshot.get({ repository, snapshot } as never);
    const found = (
      body as unknown as { snapshots?: Array<{ state: string; indices: string[]; shards?: { failed: number } }> }
    ).snapshots?.[0];
    return found?.state === 'SUCCESS' && found.indices.includes(index) && (found.shards?.failed ?? 0) === 0;
  } catch (error) {
    // A missing snapshot (404) or repository (404, or 500 when its files are gone) is no archive.
    if ([404, 500].includes(errorStatus(error).status ?? 0)) return false;
    throw error;
  }
}
