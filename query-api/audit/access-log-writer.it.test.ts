import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
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
import type { AccessEntry } from './access-log.ts';
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

const entry = (rowCount: number, route = '/logs'): AccessEntry => ({
  at: new Date().toISOString(),
  event: 'search',
  who: 'viewer#t',
  role: 'viewer',
  method: 'GET',
  route,
  filters: {},
  row_count: rowCount,
});

/** Every stored entry's `_version`: 1 unless something wrote over it. */
async function versions(): Promise<number[]> {
  await client.indices.refresh({ index: config.names.accessLog });
  const { body } = await client.search({
    index: config.names.accessLog,
    body: { size: 10_000, version: true, _source: false, query: { match_all: {} } },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _version: number }> } }).hits.hits.map((h) => h._version);
}

/** Starts a process that writes `count` entries to a write-ahead log under `dir` while OpenSearch is unreachable, and kills it. */
async function killedWriter(dir: string, count: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dir, prefix, String(count), `http://127.0.0.1:${await freePort()}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(child.stdout!, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
}

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
    await killedWriter(walDir, 40);
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
  it.each([
    ['without a write-ahead log', false],
    ['through the write-ahead log', true],
  ])(
    'refuses an entry under an id the log already holds, %s: the stored entry stays as it was',
    async (_how, withWal) => {
      const id = `taken-${randomUUID()}`;
      const dir = withWal ? await mkdtemp(join(tmpdir(), 'synclog-access-dup-')) : null;
      const writer = createAccessLogWriter({
        client,
        names: config.names,
        walDir: dir,
        producerId: `access-dup-${withWal}`,
        newId: () => id,
      });
      try {
        await writer.write(entry(1, '/logs'));
        await writer.flush();
        await writer.write(entry(2, '/audit'));
        await writer.flush();
        const { body } = await client.get({ index: config.names.accessLog, id });
        expect(body._version).toBe(1);
        expect(body._source).toMatchObject({ route: '/logs', row_count: 1 });
      } finally {
        await writer.close();
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('replays a write-ahead log whose entries were delivered already without storing or changing any entry', async () => {
    const first = await mkdtemp(join(tmpdir(), 'synclog-access-replay-'));
    const copy = await mkdtemp(join(tmpdir(), 'synclog-access-replay-copy-'));
    try {
      await killedWriter(first, 25);
      await cp(first, copy, { recursive: true });
      const before = await indexed();
      const delivering = createAccessLogWriter({ client, names: config.names, walDir: first, producerId: 'replay-a' });
      await delivering.flush();
      await delivering.close();
      expect(await indexed()).toBe(before + 25);
      // The same 25 entries, replayed from the copy of the log: each create meets its own id.
      const replaying = createAccessLogWriter({ client, names: config.names, walDir: copy, producerId: 'replay-b' });
      await replaying.flush();
      await replaying.close();
      expect(await indexed()).toBe(before + 25);
      expect(new Set(await versions())).toEqual(new Set([1]));
    } finally {
      await rm(first, { recursive: true, force: true });
      await rm(copy, { recursive: true, force: true });
    }
  });
});
