import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { orNullOn404 } from '../../opensearch/shared/response-errors.ts';
import { toStoredDeadLetter, type StoredDeadLetter } from './dead-letter-filter.ts';

/** One dead letter by its document id, or `null` when there is none (or no dead-letter index). */
export async function showDeadLetter(
  client: OpenSearchClient,
  names: IndexNames,
  id: string,
): Promise<StoredDeadLetter | null> {
  const response = await orNullOn404(client.get({ index: names.deadLetter, id }));
  if (!response) return null;
  const body = response.body as { found: boolean; _id: string; _source?: unknown };
  return body.found ? toStoredDeadLetter({ _id: body._id, _source: body._source }) : null;
}
