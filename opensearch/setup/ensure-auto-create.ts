import type { OpenSearchClient } from '../client/create-client.ts';
import { change, type SetupChange } from './setup-change.ts';

/**
 * `action.auto_create_index` with the managed log pattern excluded. A bulk write to a missing log
 * index must fail rather than auto-create it dated "now": log indices are created by synclog with
 * the creation date of their period. Other patterns keep whatever the cluster allowed.
 */
export function withLogPatternExcluded(current: string, logsPattern: string): string {
  const exclusion = `-${logsPattern}`;
  const value = current.trim();
  if (value === 'false') return value;
  if (value === '' || value === 'true') return `${exclusion},+*`;
  const parts = value.split(',').map((p) => p.trim());
  if (parts.includes(exclusion)) return value;
  // Auto-create patterns are matched in order: the exclusion must come first.
  return [exclusion, ...parts].join(',');
}

export async function ensureAutoCreateExcludesLogs(client: OpenSearchClient, logsPattern: string): Promise<SetupChange> {
  const { body } = await client.cluster.getSettings({ include_defaults: true, flat_settings: true });
  const settings = body as Record<string, Record<string, string> | undefined>;
  const current =
    settings.transient?.['action.auto_create_index'] ??
    settings.persistent?.['action.auto_create_index'] ??
    settings.defaults?.['action.auto_create_index'] ??
    'true';
  const desired = withLogPatternExcluded(current, logsPattern);
  if (desired === current) return change('cluster setting', 'action.auto_create_index', 'unchanged');
  await client.cluster.putSettings({ body: { persistent: { 'action.auto_create_index': desired } } });
  return change('cluster setting', 'action.auto_create_index', 'updated', desired);
}
