import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { readSetupMetadata } from '../../opensearch/metadata/read-setup-metadata.ts';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';

/** What the service compares: its own configuration, as setup would apply it. */
export type ServiceSetupView = Pick<SetupConfig, 'names' | 'period' | 'lifecycle'>;

const field = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
    value,
  );

export interface DriftOptions {
  /** Default false. The caller applies setup next (`synclog serve`): a cluster with no setup yet is no news. */
  readonly setupFollows?: boolean;
}

/**
 * Where the service's configuration disagrees with the setup metadata stored on the cluster: one
 * sentence each, naming the variable. A field an older setup did not record is not a disagreement.
 */
export function serviceSetupDrift(stored: unknown, own: ServiceSetupView, options: DriftOptions = {}): string[] {
  if (stored === null || typeof stored !== 'object') {
    if (options.setupFollows) return [];
    return [
      `no setup metadata for prefix "${own.names.prefix}": setup has not been applied to this cluster (run \`synclog setup\`)`,
    ];
  }
  const drift: string[] = [];
  // `event_window` (schema 2 on) repeats both; older documents have only `index` and `lifecycle`.
  const period = field(stored, 'index', 'period') ?? field(stored, 'event_window', 'period');
  if (period !== undefined && period !== own.period) {
    drift.push(
      `SYNCLOG_INDEX_PERIOD is "${own.period}" but the setup applied to prefix "${own.names.prefix}" has "${String(period)}"`,
    );
  }
  const deleteDays = field(stored, 'lifecycle', 'delete_days') ?? field(stored, 'event_window', 'delete_days');
  if (deleteDays !== undefined && deleteDays !== own.lifecycle.delete_days) {
    drift.push(
      `SYNCLOG_RETENTION_DELETE_DAYS is ${own.lifecycle.delete_days} but the setup applied to prefix "${own.names.prefix}" deletes after ${String(deleteDays)} days`,
    );
  }
  return drift;
}

/**
 * Reads the setup metadata once at start and compares. Never throws: a start-up check must not
 * stop the service; an unreadable document is reported as one more line.
 */
export async function checkSetupDrift(
  client: OpenSearchClient,
  own: ServiceSetupView,
  options: DriftOptions = {},
): Promise<string[]> {
  try {
    return serviceSetupDrift(await readSetupMetadata(client, own.names.meta), own, options);
  } catch (error) {
    return [
      `could not read the setup metadata of prefix "${own.names.prefix}": ${error instanceof Error ? error.message : String(error)}`,
    ];
  }
}
