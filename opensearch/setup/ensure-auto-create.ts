import type { OpenSearchClient } from '../client/create-client.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';

/**
 * `action.auto_create_index` with the managed log pattern excluded. A bulk write to a missing log
 * index must fail rather than auto-create it dated "now": log indices are created by synclog with
 * the creation date of their period. Other patterns keep whatever the cluster allowed.
 */
export function withLogPatternExcluded(current: string, logsPattern: string): string {
  const value = current.trim();
  if (value === 'false') return value;
  const exclusion = `-${logsPattern}`;
  if (value === '' || value === 'true') return `${exclusion},+*`;
  const parts = value.split(',').map((p) => p.trim());
  // Patterns are matched in order and the first match decides: already excluded when the first
  // pattern that covers every log index is an exclusion (an admin's `-synclog-*` counts).
  const decisive = parts.find((part) => covers(part.replace(/^[+-]/, ''), logsPattern));
  if (decisive?.startsWith('-')) return value;
  return [exclusion, ...parts].join(',');
}

/** True when `pattern` matches every index name that `logsPattern` (`<fixed>*`) matches. */
function covers(pattern: string, logsPattern: string): boolean {
  if (pattern === logsPattern) return true;
  const fixed = logsPattern.slice(0, -1);
  const stars = pattern.split('*').length - 1;
  return stars === 1 && pattern.endsWith('*') && fixed.startsWith(pattern.slice(0, -1));
}

export async function ensureAutoCreateExcludesLogs(
  client: OpenSearchClient,
  logsPattern: string,
): Promise<SetupChange> {
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
