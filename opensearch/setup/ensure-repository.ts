import type { OpenSearchClient } from '../client/create-client.ts';
import { stableJson } from '../shared/content-hash.ts';
import { orNullOn404 } from '../shared/response-errors.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';

export interface ArchiveRepositoryConfig {
  readonly name: string;
  readonly type: 'fs' | 's3';
  /** fs: a directory under `path.repo`; s3: `bucket` or `bucket/base/path`. Unset for fs: under the first `path.repo`. */
  readonly location?: string | undefined;
  /** s3 on Amazon OpenSearch Service: the IAM role the service assumes to write the bucket. */
  readonly roleArn?: string | undefined;
}

/** The first `path.repo` entry any node declares, or `null`. */
async function firstPathRepo(client: OpenSearchClient): Promise<string | null> {
  const { body } = await client.nodes.info({ metric: 'settings', filter_path: 'nodes.*.settings.path.repo' } as never);
  const nodes =
    (body as { nodes?: Record<string, { settings?: { path?: { repo?: string | string[] } } }> }).nodes ?? {};
  for (const node of Object.values(nodes)) {
    const repo = node.settings?.path?.repo;
    const first = Array.isArray(repo) ? repo[0] : repo;
    if (first) return first;
  }
  return null;
}

/**
 * An S3 repository's settings. On Amazon OpenSearch Service the repository is registered with an
 * IAM role (`role_arn`) that the service assumes; the registering request must be signed
 * (OPENSEARCH_AWS_REGION) by an identity allowed to pass that role.
 */
export function s3RepositorySettings(location: string, roleArn?: string): Record<string, string> {
  const [bucket, ...rest] = location.split('/');
  return {
    bucket: bucket!,
    ...(rest.length ? { base_path: rest.join('/') } : {}),
    ...(roleArn ? { role_arn: roleArn } : {}),
  };
}

/** Registers the snapshot repository that archives go to. */
export async function ensureArchiveRepository(
  client: OpenSearchClient,
  config: ArchiveRepositoryConfig,
): Promise<SetupChange> {
  let settings: Record<string, string>;
  if (config.type === 's3') {
    if (!config.location)
      return change('snapshot repository', config.name, 'skipped', 'SYNCLOG_ARCHIVE_LOCATION (bucket) is not set');
    settings = s3RepositorySettings(config.location, config.roleArn);
  } else {
    const base = config.location ?? (await firstPathRepo(client));
    if (!base) {
      return change(
        'snapshot repository',
        config.name,
        'skipped',
        'the cluster has no path.repo; set it on the nodes or set SYNCLOG_ARCHIVE_LOCATION',
      );
    }
    settings = { location: config.location ?? `${base.replace(/\/$/, '')}/${config.name}`, compress: 'true' };
  }
  const existing = await orNullOn404(client.snapshot.getRepository({ repository: config.name }));
  const current = (existing?.body as Record<string, { type: string; settings: Record<string, string> }> | undefined)?.[
    config.name
  ];
  if (current && current.type === config.type && stableJson(current.settings) === stableJson(settings)) {
    return change('snapshot repository', config.name, 'unchanged');
  }
  await client.snapshot.createRepository({ repository: config.name, body: { type: config.type, settings } as never });
  return change(
    'snapshot repository',
    config.name,
    current ? 'updated' : 'created',
    settings.location ?? settings.bucket,
  );
}
