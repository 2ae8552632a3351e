import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { readRetentionLog } from '../../opensearch/lifecycle/retention-log.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';

/** Log indices the lifecycle deleted, with the day (UTC) of the retention log's `deleted` entry. */
export async function retentionDeletions(client: OpenSearchClient, names: IndexNames): Promise<Map<string, string>> {
  let log;
  try {
    log = await readRetentionLog(client, names.retentionLog);
  } catch (error) {
    if (errorStatus(error).status === 404) return new Map();
    throw error;
  }
  return new Map(
    log.filter((r) => r.step === 'deleted' && r.outcome === 'done').map((r) => [r.index, r.at.slice(0, 10)] as const),
  );
}
