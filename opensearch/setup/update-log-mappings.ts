import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { recordMapping } from '../record/mapping.ts';
import { errorStatus } from '../shared/response-errors.ts';
import { missingMappingFields, type MappingProperties as Properties } from './missing-mapping-fields.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';

/**
 * Adds the record mapping's new fields to the log indices that already exist: the template only
 * reaches indices created after it, and a record with a field its index lacks would be refused
 * (`dynamic: strict`). Only the top-level fields that miss something are sent, so a field whose
 * parameters differ elsewhere cannot make the update fail. Closed indices cannot take a mapping
 * change and are reported as skipped; so is an index that refuses one (read-only, or a conflict).
 */
export async function updateLogMappings(client: OpenSearchClient, names: IndexNames): Promise<SetupChange[]> {
  const { body } = await client.cat.indices({
    index: names.logsPattern,
    format: 'json',
    h: 'index,status',
    expand_wildcards: 'all',
  } as never);
  const indices = (body as unknown as Array<{ index: string; status: string }>)
    .filter((row) => names.periodOfIndex(row.index) !== null)
    .sort((a, b) => a.index.localeCompare(b.index));
  const desired = recordMapping().properties as Properties;
  const anyOpen = indices.some((row) => row.status === 'open');
  const stored = (anyOpen
    ? (await client.indices.getMapping({ index: names.logsPattern })).body
    : {}) as unknown as Record<string, { mappings?: { properties?: Properties } }>;
  const changes: SetupChange[] = [];
  for (const { index, status } of indices) {
    if (status !== 'open') {
      changes.push(change('log index', index, 'skipped', 'closed'));
      continue;
    }
    const missing = missingMappingFields(desired, stored[index]?.mappings?.properties);
    if (missing.length === 0) {
      changes.push(change('log index', index, 'unchanged'));
      continue;
    }
    const topLevel = new Set(missing.map((path) => path.split('.')[0]!));
    const properties = Object.fromEntries(Object.entries(desired).filter(([name]) => topLevel.has(name)));
    try {
      await client.indices.putMapping({ index, body: { properties } as never });
      changes.push(change('log index', index, 'updated', `mapping: added ${missing.join(', ')}`));
    } catch (error) {
      const { status: code, reason } = errorStatus(error);
      if (code === undefined) throw error;
      changes.push(change('log index', index, 'skipped', `mapping not updated: ${reason}`));
    }
  }
  return changes;
}
