import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { until } from '../../test/until.ts';
import { writeRecords } from '../../test/write-records.ts';
import { readAccessLog } from '../audit/access-log.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import { startServer, type RunningServer } from '../start-server.ts';

const client = testClient();
const prefix = uniquePrefix('tail-audit');
const VIEWER = 'viewer-token-tail-0123456789';
let config: SetupConfig;
let server: RunningServer;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  server = await startServer(
    createApp({ client, names: config.names, tokens: apiTokens([{ role: 'viewer', token: VIEWER }]) }),
    0,
    '127.0.0.1',
  );
});
afterAll(async () => {
  await server?.close();
  await dropPrefix(client, prefix);
});

/** Signs in through the console's form and returns the session cookie. */
async function signIn(): Promise<string> {
  const response = await fetch(`${server.url}/console/login`, {
    method: 'POST',
    body: new URLSearchParams({ token: VIEWER, next: '/console/tail' }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/**
 * Records stamped just now, after `after` (ms): the tail follows `@timestamp`, so records logged
 * while it is open come after those it has sent.
 */
async function logNow(count: number, seed: number, after = Date.now() - 1_000) {
  const to = Math.max(Date.now(), after + count);
  const records = generateRecords({ seed, count, from: new Date(after + 1), to: new Date(to) });
  const results = await writeRecords(client, config.names, 'month', records);
  expect(results.every((r) => r.status === 201)).toBe(true);
  return { ids: records.map((r) => r.event_id), latest: Math.max(...records.map((r) => Date.parse(r['@timestamp']))) };
}

describe('the access log of a live tail', () => {
  it('holds tail.started when the tail opens and tail.finished with the rows the browser received once it leaves', async () => {
    const cookie = await signIn();
    const first = await logNow(3, 1);
    const controller = new AbortController();
    const response = await fetch(`${server.url}/console/tail/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const received = () => [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]!);
    const readUntil = async (ids: readonly string[]) => {
      while (!ids.every((id) => received().includes(id))) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('the tail ended before sending every record');
        text += chunk.value;
      }
    };
    await readUntil(first.ids);
    // Logged while the tail is open: the next look finds them.
    const later = await logNow(2, 2, first.latest);
    await readUntil(later.ids);
    expect(new Set(received())).toEqual(new Set([...first.ids, ...later.ids]));
    controller.abort();

    const finished = await until('tail.finished', async () => {
      await client.indices.refresh({ index: config.names.accessLog });
      const [entry] = await readAccessLog(client, config.names, { event: 'tail.finished', size: 1 });
      return entry ?? false;
    });
    expect(finished).toMatchObject({
      route: '/console/tail/events',
      who: expect.stringMatching(/^viewer#/),
      outcome: 'completed',
      row_count: received().length,
    });
    const [started] = await readAccessLog(client, config.names, {
      access_id: finished.access_id!,
      event: 'tail.started',
      size: 1,
    });
    expect(started).toMatchObject({ who: finished.who, row_count: 0 });
    expect(Date.parse(started!.at)).toBeLessThanOrEqual(Date.parse(finished.at));
  });
});
