import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { serviceConfigFromEnv } from '../../query-api/config/service-config.ts';
import { createService } from '../../query-api/create-service.ts';

/**
 * Runs `work` against the service as `synclog serve` runs it (accesses recorded through a
 * write-ahead log, indexed in the background, as by default) with one analyst token, in a fresh
 * home; stops it and removes the home afterwards, also when `work` throws. The scheduler's jobs
 * stay off, so they add no load to any side of the comparison.
 */
export async function withBenchService<T>(
  options: { client: OpenSearchClient; prefix: string; token: string; say: (line: string) => void },
  work: (url: string) => Promise<T>,
): Promise<T> {
  const home = mkdtempSync(join(tmpdir(), 'synclog-bench-query-'));
  const service = createService(
    serviceConfigFromEnv({
      SYNCLOG_INDEX_PREFIX: options.prefix,
      SYNCLOG_HOME: home,
      SYNCLOG_API_TOKENS: `analyst:${options.token}`,
      SYNCLOG_SCHEDULER_ENABLED: 'false',
    }),
    { client: options.client, port: 0, say: options.say },
  );
  try {
    return await work(await service.start());
  } finally {
    await service.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
