import type { z } from 'zod';
import { localNodeEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import type { LocalClusterOptions } from '../opensearch/local/local-cluster.ts';
import { synclogHome } from '../opensearch/local/local-paths.ts';

/** Local node options from the environment (`SYNCLOG_HOME`, `SYNCLOG_OPENSEARCH_*`). */
export function localClusterOptions(env: Record<string, string | undefined>): LocalClusterOptions {
  return localClusterOptionsOf(parseEnv(localNodeEnvSchema, env), env);
}

/** Local node options from variables already parsed; `env` is handed on to find a JDK. */
export function localClusterOptionsOf(
  parsed: z.infer<typeof localNodeEnvSchema>,
  env: Record<string, string | undefined>,
): LocalClusterOptions {
  return {
    home: synclogHome(env),
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
