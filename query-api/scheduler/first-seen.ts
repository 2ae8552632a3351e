import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';

/**
 * When the scheduler first saw a job (ms), recorded once by whichever instance gets there first:
 * catch-up runs missed periods, never periods from before the job existed.
 */
export async function firstSeen(client: OpenSearchClient, index: string, job: string, now: number): Promise<number> {
  const id = `job:${job}`;
  try {
    await client.index({
      index,
      id,
      op_type: 'create',
      refresh: true,
      body: { kind: 'job', job, first_seen: new Date(now).toISOString() },
    } as never);
    return now;
  } catch (error) {
    if (errorStatus(error).status !== 409) throw error;
  }
  const { body } = await client.get({ index, id });
  return Date.parse((body as unknown as { _source: { first_seen: string } })._source.first_seen);
}
