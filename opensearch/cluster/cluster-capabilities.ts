import type { OpenSearchClient } from '../client/create-client.ts';

/** `flat_object` (the `details` field) exists from 2.7; 4.x is not yet known to work. */
export const SUPPORTED_VERSIONS = { min: '2.7.0', belowMajor: 4 } as const;

export const PLUGINS = {
  ism: 'opensearch-index-management',
  alerting: 'opensearch-alerting',
  notifications: 'opensearch-notifications',
} as const;

export type RetentionExecutor = 'ism' | 'builtin';
export type AlertingExecutor = 'alerting-plugin' | 'builtin';

export interface ClusterCapabilities {
  readonly version: string;
  readonly distribution: string;
  readonly plugins: readonly string[];
  readonly executors: { readonly retention: RetentionExecutor; readonly alerting: AlertingExecutor };
}

export class UnsupportedClusterError extends Error {
  override readonly name = 'UnsupportedClusterError';
}

const parse = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number) as [number, number, number];

/** Throws when synclog cannot run on this OpenSearch version. */
export function assertSupportedVersion(version: string, distribution = 'opensearch'): void {
  const [major, minor, patch] = parse(version);
  const [minMajor, minMinor, minPatch] = parse(SUPPORTED_VERSIONS.min);
  const tooOld =
    major < minMajor || (major === minMajor && (minor < minMinor || (minor === minMinor && patch < minPatch)));
  if (distribution !== 'opensearch' || tooOld || major >= SUPPORTED_VERSIONS.belowMajor) {
    throw new UnsupportedClusterError(
      `synclog supports OpenSearch ${SUPPORTED_VERSIONS.min} up to (not including) ${SUPPORTED_VERSIONS.belowMajor}.0; ` +
        `this cluster is ${distribution} ${version}${tooOld ? ' (flat_object, used for details, needs 2.7 or newer)' : ''}`,
    );
  }
}

/** Which executor runs retention and alerting: the cluster's plugins where present, else synclog's own. */
export function chooseExecutors(plugins: readonly string[]): ClusterCapabilities['executors'] {
  const has = (name: string) => plugins.includes(name);
  return {
    retention: has(PLUGINS.ism) ? 'ism' : 'builtin',
    alerting: has(PLUGINS.alerting) && has(PLUGINS.notifications) ? 'alerting-plugin' : 'builtin',
  };
}

export async function detectCapabilities(client: OpenSearchClient): Promise<ClusterCapabilities> {
  const { body: info } = await client.info();
  const version = String(info.version.number);
  const distribution = String((info.version as { distribution?: string }).distribution ?? 'elasticsearch');
  assertSupportedVersion(version, distribution);
  const { body: rows } = await client.cat.plugins({ format: 'json' });
  const plugins = [...new Set((rows as unknown as Array<{ component: string }>).map((r) => r.component))].sort();
  return { version, distribution, plugins, executors: chooseExecutors(plugins) };
}
