import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { createDocumentWriter, type DocumentWriter } from './document-writer.ts';
import type { ShipperEvent } from './shipper-event.ts';

/** A stand-in `_bulk` that holds every request until the test lets it answer. */
function heldCluster() {
  const bodies: string[] = [];
  const waiting: Array<() => void> = [];
  const client = {
    bulk: async (params: { body: Buffer | string }) => {
      const text = params.body.toString();
      if (text.startsWith('{"delete"')) return { body: { items: [{ delete: { status: 404 } }] } };
      bodies.push(text);
      await new Promise<void>((resolve) => waiting.push(resolve));
      return { body: { errors: false } };
    },
  } as unknown as OpenSearchClient;
  return { client, bodies, answerAll: () => waiting.splice(0).forEach((answer) => answer()) };
}

const dirs: string[] = [];
const writers: DocumentWriter[] = [];
afterEach(async () => {
  for (const w of writers.splice(0)) await w.close({ timeoutMs: 1_000 });
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('the document writer', () => {
  it('resolves a durable write once the document is in the write-ahead log under the spool directory, before the cluster answers', async () => {
    const spoolDir = await mkdtemp(join(tmpdir(), 'synclog-documents-'));
    dirs.push(spoolDir);
    const cluster = heldCluster();
    const { clock, advance } = manualClock();
    const writer = createDocumentWriter({
      client: cluster.client,
      producerId: 'docs-unit',
      spoolDir,
      clock,
      flushIntervalMs: 100,
    });
    writers.push(writer);
    await writer.writeDurable({ index: 'audit-docs', id: 'a-1', document: { who: 'viewer#1' } });
    expect(cluster.bodies).toEqual([]);
    const ownLog = join(spoolDir, 'write-ahead', 'docs-unit');
    expect(readdirSync(ownLog).filter((f) => /^\d{12}\.ndjson$/.test(f))).toHaveLength(1);
    advance(100);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cluster.bodies).toEqual(['{"create":{"_index":"audit-docs","_id":"a-1"}}\n{"who":"viewer#1"}\n']);
    cluster.answerAll();
    expect(await writer.flush()).toMatchObject({ delivered: 1 });
  });

  it('refuses what is not an index, an id and a JSON object, without queueing it', async () => {
    const cluster = heldCluster();
    const events: ShipperEvent[] = [];
    const writer = createDocumentWriter({
      client: cluster.client,
      producerId: 'docs-unit',
      onEvent: (e) => events.push(e),
    });
    writers.push(writer);
    const bad = [
      { index: '', id: 'x', document: {} },
      { index: 'i', id: '', document: {} },
      { index: 'i', id: 'x', document: [] },
      { index: 'i', id: 'x', document: null },
    ];
    for (const doc of bad) await expect(writer.writeDurable(doc as never)).rejects.toThrow(TypeError);
    expect(writer.stats().queued).toBe(0);
  });

  it('names an invalid tuning option when it is created', () => {
    const cluster = heldCluster();
    expect(() => createDocumentWriter({ client: cluster.client, producerId: 'docs-unit', maxQueueRecords: 0 })).toThrow(
      /maxQueueRecords/,
    );
  });
});
