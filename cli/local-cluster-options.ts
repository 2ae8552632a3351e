import { localNodeEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import type { LocalClusterOptions } from '../opensearch/local/local-cluster.ts';
import { defaultSynclogHome } from '../opensearch/local/local-paths.ts';

/** Local node options from the environment (`SYNCLOG_HOME`, `SYNCLOG_OPENSEARCH_*`). */
export function localClusterOptions(env: Record<string, string | undefined>): LocalClusterOptions {
  const parsed = parseEnv(localNodeEnvSchema, env);
  return {
    home: parsed.SYNCLOG_HOME ?? defaultSynclogHome(env),
    name: parsed.SYNCLOG_OPENSEARCH_CLUSTER,
    port: parsed.SYNCLOG_OPENSEARCH_PORT,
    heap: parsed.SYNCLOG_OPENSEARCH_HEAP,
    version: parsed.SYNCLOG_OPENSEARCH_VERSION,
    zipPath: parsed.SYNCLOG_OPENSEARCH_ZIP,
    user: parsed.SYNCLOG_OPENSEARCH_USER,
    mavenRepository: parsed.SYNCLOG_MAVEN_REPOSITORY,
    env,
  };
}
