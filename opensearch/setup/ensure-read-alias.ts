import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';

/**
 * New log indices get the read alias from the template; indices that existed before (for example
 * under an older prefix setup) are added here, and only the managed log indices ever are.
 */
export async function ensureReadAlias(client: OpenSearchClient, names: IndexNames): Promise<SetupChange> {
  const { body } = await client.indices.getAlias({
    index: names.logsPattern,
    allow_no_indices: true,
    expand_wildcards: 'all',
  } as never);
  const indices = body as Record<string, { aliases: Record<string, unknown> }>;
  const missing = Object.entries(indices)
    .filter(([index, entry]) => names.periodOfIndex(index) !== null && !(names.readAlias in entry.aliases))
    .map(([index]) => index);
  if (missing.length === 0) return change('alias', names.readAlias, 'unchanged');
  await client.indices.updateAliases({
    body: { actions: missing.map((index) => ({ add: { index, alias: names.readAlias } })) },
  });
  return change('alias', names.readAlias, 'updated', `added to ${missing.length} index(es)`);
}
