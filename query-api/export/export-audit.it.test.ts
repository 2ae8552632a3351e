import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { until } from '../../test/until.ts';
import { readAccessLog, type AccessEntry } from '../audit/access-log.ts';
import { createAccessLogWriter, type AccessLogWriter } from '../audit/access-log-writer.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import { startServer, type RunningServer } from '../start-server.ts';

const client = testClient();
const prefix = uniquePrefix('export-audit');
const ANALYST = 'analyst-token-audit-0123456789';
const auth = { Authorization: `Bearer ${ANALYST}` };
// The issue's own case: an export of 598 rows, in a day of its own; and a large export to leave mid-way.
const SMALL = 598;
const small = generateRecords({
  seed: 598,
  count: SMALL,
  from: new Date('2026-11-01T00:00:00Z'),
  to: new Date('2026-11-01T23:00:00Z'),
});
const large = generateRecords({
  seed: 40,
  count: 40_000,
  from: new Date('2026-09-01T00:00:00Z'),
  to: new Date('2026-10-31T00:00:00Z'),
});
const SMALL_RANGE = '?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z';
let config: SetupConfig;
let server: RunningServer;

beforeAll(async () => {
  config = await seedPrefix(client, prefix, [...small, ...large]);
  server = await serve();
}, 300_000);
afterAll(async () => {
  await server?.close();
  await dropPrefix(client, prefix);
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
async function serve(accessLog?: AccessLogWriter) {
  const app = createApp({
    client,
    names: config.names,
    tokens: apiTokens([{ role: 'analyst', token: ANALYST }]),
    ...(accessLog ? { accessLog } : {}),
  });
  return startServer(app, 0, '127.0.0.1');
}
async function entriesOf(exportId: string): Promise<Partial<Record<string, AccessEntry>>> {
  await client.indices.refresh({ index: config.names.accessLog });
  const entries = await readAccessLog(client, config.names, { access_id: exportId, size: 10 });
  return Object.fromEntries(entries.map((e) => [e.event!, e]));
}
async function download(url: string) {
  const response = await fetch(url, { headers: auth });
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), id: response.headers.get('x-synclog-export-id')! };
}
/** Data rows of which at least one byte lies within the first `bytes` bytes of a whole CSV file. */
function rowsBegun(file: Buffer, bytes: number): number {
  const records = parse(file, { bom: true, info: true }) as unknown as Array<{ info: { bytes: number } }>;
  return records.slice(0, -1).filter((r) => r.info.bytes < bytes).length;
}

describe('the access log of an export', () => {
  it('holds export.started before the first byte and export.finished with the rows, bytes and SHA-256 the client received', async () => {
    const before = new Date();
    const { bytes, id } = await download(`${server.url}/logs/export.csv${SMALL_RANGE}`);
    const received = parse(bytes, { columns: true, bom: true }) as Array<{ event_id: string }>;
    expect(new Set(received.map((r) => r.event_id))).toEqual(new Set(small.map((r) => r.event_id)));
    // The download ends once export.finished is kept: no waiting for it.
    const { 'export.started': started, 'export.finished': finished } = await entriesOf(id);
    expect(started).toMatchObject({
      route: '/logs/export.csv',
      who: expect.stringMatching(/^analyst#/),
      filters: { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' },
      row_count: 0,
    });
    expect(finished).toMatchObject({
      who: started!.who,
      outcome: 'completed',
      row_count: SMALL,
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
    expect(Date.parse(started!.at)).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(Date.parse(finished!.at)).toBeGreaterThanOrEqual(Date.parse(started!.at));
  });

  it('audits an XLSX export with its rows and the SHA-256 of the file received', async () => {
    const { bytes, id } = await download(`${server.url}/logs/export.xlsx${SMALL_RANGE}`);
    expect((await entriesOf(id))['export.finished']).toMatchObject({
      outcome: 'completed',
      row_count: SMALL,
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
  });

  it(
    'audits an export whose client leaves as aborted, with the rows begun in and the SHA-256 of the bytes actually sent',
    { timeout: 120_000 },
    async () => {
      const whole = (await download(`${server.url}/logs/export.csv`)).bytes;
      const total = large.length + SMALL;
      expect(rowsBegun(whole, whole.length)).toBe(total);

      const controller = new AbortController();
      const response = await fetch(`${server.url}/logs/export.csv`, { headers: auth, signal: controller.signal });
      const id = response.headers.get('x-synclog-export-id')!;
      const reader = response.body!.getReader();
      const first = await reader.read();
      controller.abort();
      const received = Buffer.from(first.value!);
      const finished = await until('export.finished', async () => (await entriesOf(id))['export.finished'] ?? false);

      expect(finished.outcome).toBe('aborted');
      const sent = finished.bytes!;
      expect(sent).toBeGreaterThanOrEqual(received.length);
      expect(sent).toBeLessThan(whole.length);
      // What the client received is the start of what was sent, and the hash is of exactly the bytes sent.
      expect(whole.subarray(0, received.length).equals(received)).toBe(true);
      expect(finished.sha256).toBe(sha256(whole.subarray(0, sent)));
      expect(finished.row_count).toBe(rowsBegun(whole, sent));
      expect(finished.row_count).toBeLessThan(total);
    },
  );

  it('refuses an export the access log cannot record (503), before reading a record', async () => {
    const refusing = await serve({
      write: () => Promise.reject(new Error('the access log is unavailable')),
      flush: () => Promise.resolve(),
      close: () => Promise.resolve(),
    });
    try {
      const response = await fetch(`${refusing.url}/logs/export.csv${SMALL_RANGE}`, { headers: auth });
      expect(response.status).toBe(503);
      expect(response.headers.get('x-synclog-export-id')).toBeNull();
    } finally {
      await refusing.close();
    }
  });

  it('breaks the download off when export.finished cannot be recorded, so no whole file goes unrecorded', async () => {
    const real = createAccessLogWriter({ client, names: config.names, walDir: null, producerId: 'access-finish-test' });
    const refusingTheEnd = await serve({
      write: (entry) =>
        entry.event === 'export.finished' ? Promise.reject(new Error('the access log is full')) : real.write(entry),
      flush: () => real.flush(),
      close: () => real.close(),
    });
    try {
      const response = await fetch(`${refusingTheEnd.url}/logs/export.csv${SMALL_RANGE}`, { headers: auth });
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
    } finally {
      await refusingTheEnd.close();
      await real.close();
    }
  });
});
