import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { freePort } from '../../opensearch/local/ports.ts';
import { createDeadLetterSink } from './dead-letter-sink.ts';

describe('the dead-letter sink', () => {
  it('keeps dead letters in the local file, with why, when the dead-letter index cannot be reached', async () => {
    const client = createOpenSearchClient({ urls: [`http://127.0.0.1:${await freePort()}`], requestTimeoutMs: 2_000 });
    const file = join(await mkdtemp(join(tmpdir(), 'synclog-dl-')), 'dead-letters.ndjson');
    const errors: unknown[] = [];
    const sink = createDeadLetterSink({
      client,
      index: 'synclog-deadletter',
      file,
      requestTimeoutMs: 2_000,
      onError: (e) => errors.push(e),
    });
    sink.add({
      '@timestamp': '2026-11-23T10:00:00.000Z',
      reason: 'invalid record: status',
      error_type: 'validation',
      raw: '{"status":"exploded"}',
    });
    await sink.flush();
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ error_type: 'validation', raw: '{"status":"exploded"}' });
    expect(String(lines[0]?.file_reason)).toMatch(/dead-letter index unreachable/);
    expect(errors).toEqual([]);
    await client.close();
  });
});
