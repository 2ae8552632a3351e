import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { freePort } from '../../opensearch/local/ports.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { createAccessLogWriter } from './access-log-writer.ts';

const CHILD = fileURLToPath(new URL('./fixtures/access-writer-child.ts', import.meta.url));
const client = testClient();
const prefix = uniquePrefix('access-wal');
let config: SetupConfig;
let walDir: string;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  walDir = await mkdtemp(join(tmpdir(), 'synclog-access-wal-'));
});
afterAll(async () => {
  await dropPrefix(client, prefix);
  await rm(walDir, { recursive: true, force: true });
});

const indexed = async () => {
  await client.indices.refresh({ index: config.names.accessLog });
  return Number((await client.count({ index: config.names.accessLog })).body.count);
};

describe('the access log writer with a write-ahead log', () => {
  it('indexes entries off the request path, each once', async () => {
    const writer = createAccessLogWriter({ client, names: config.names, walDir, producerId: 'access-test' });
    const before = await indexed();
    for (let i = 0; i < 250; i++)
      await writer.write({
        at: new Date().toISOString(),
        who: 'viewer#t',
        role: 'viewer',
        method: 'GET',
        route: '/logs',
        filters: {},
        row_count: i,
      });
    await writer.flush();
    expect(await indexed()).toBe(before + 250);
    await writer.close();
  });

  it('loses nothing when its process is SIGKILLed before OpenSearch took the entries: the next writer delivers them', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, walDir, prefix, '40', `http://127.0.0.1:${await freePort()}`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(child.stdout!, 'data');
    child.kill('SIGKILL');
    await once(child, 'exit');
    const before = await indexed();
    const next = createAccessLogWriter({ client, names: config.names, walDir, producerId: 'access-after-crash' });
    await next.flush();
    expect(await indexed()).toBe(before + 40);
    const { body } = await client.search({
      index: config.names.accessLog,
      body: { size: 100, query: { term: { who: 'viewer#child' } } },
    } as never);
    const rows = (body as unknown as { hits: { hits: Array<{ _source: { row_count: number } }> } }).hits.hits
      .map((h) => h._source.row_count)
      .sort((a, b) => a - b);
    expect(rows).toEqual([...Array(40).keys()]);
    await next.close();
  });
});
