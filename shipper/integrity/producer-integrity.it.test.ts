import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointSchema, CHAIN_START, type Checkpoint } from '../../opensearch/integrity/checkpoint.ts';
import { recordHash } from '../../opensearch/integrity/record-hash.ts';
import { checkpointSignatureValid, publicKeyFromPem } from '../../opensearch/integrity/signing-key.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { OpenSearchTransport } from '../transport/opensearch-transport.ts';
import { checkpointDir, readCheckpointLines } from './checkpoint-file.ts';
import { PUBLIC_KEY_FILE } from './producer-signing-key.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'chain');
let names: ReturnType<typeof indexNames>;
let spoolDir: string;

beforeAll(async () => {
  names = await prefixes.fresh();
  spoolDir = await mkdtemp(join(tmpdir(), 'synclog-chain-'));
});
afterAll(() => prefixes.dropAll());

function transport() {
  return new OpenSearchTransport({
    client,
    service: 'crm-sync',
    producerName: 'crm',
    indexPrefix: names.prefix,
    spoolDir,
    checkpointRecords: 10,
  });
}

/** Logs records shaped as applications send them: Russian text, nested details, an error. */
async function logRecords(t: OpenSearchTransport, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    t.log(
      {
        level: i % 7 === 0 ? 'error' : 'info',
        message: `Импорт клиента ЦБ-${String(i).padStart(6, '0')}`,
        operation_type: 'import_from_1c',
        status: i % 7 === 0 ? 'error' : 'success',
        customer: { id: `c-${i}`, name: `ООО «Ромашка ${i}»` },
        details: { attempt: i % 3, source: { system: '1C', batch: [i, i + 1] } },
        ...(i % 7 === 0 ? { error: new Error(`Таймаут 1С после ${i * 100} мс`) } : {}),
      },
      () => {},
    );
  }
  await t.close();
}

async function storedRecords(producerId: string) {
  await client.indices.refresh({ index: `${names.prefix}-*` });
  const { body } = await client.search({
    index: names.readAlias,
    body: { size: 1000, query: { term: { producer_id: producerId } }, sort: [{ producer_seq: 'asc' }] },
  } as never);
  return (body.hits.hits as Array<{ _source: Record<string, unknown> }>).map((h) => h._source);
}

async function storedCheckpoints(producerId: string): Promise<Checkpoint[]> {
  await client.indices.refresh({ index: names.checkpoints });
  const { body } = await client.search({
    index: names.checkpoints,
    body: { size: 100, query: { term: { producer_id: producerId } }, sort: [{ seq: 'asc' }, { at: 'asc' }] },
  } as never);
  return (body.hits.hits as Array<{ _source: unknown }>).map((h) => checkpointSchema.parse(h._source));
}

describe('a producer chains its records and signs checkpoints of the chain', () => {
  let first: OpenSearchTransport;

  it('links every stored record to the hash of the stored record before it', async () => {
    first = transport();
    await logRecords(first, 25);
    const records = await storedRecords(first.producerId);
    expect(records.map((r) => r.producer_seq)).toEqual([...Array(25).keys()]);
    expect(records[0]!.chain_prev).toBe(CHAIN_START);
    for (let i = 1; i < records.length; i++) expect(records[i]!.chain_prev).toBe(recordHash(records[i - 1]!));
  });

  it('keeps signed checkpoints in the cluster and beside the spool, the last one final and equal to the last record', async () => {
    const records = await storedRecords(first.producerId);
    const inCluster = await storedCheckpoints(first.producerId);
    // Every 10 records, once the records up to the checkpoint have settled: how many periodic ones
    // a burst gets depends on delivery, so their seqs are checked, not their number.
    expect(inCluster[0]).toMatchObject({ kind: 'genesis', seq: -1 });
    expect(inCluster.at(-1)).toMatchObject({ kind: 'final', seq: 24 });
    const periodic = inCluster.slice(1, -1);
    expect(periodic.length).toBeGreaterThan(0);
    expect(periodic.every((c, i) => c.kind === 'periodic' && c.seq >= 9 && c.seq > (periodic[i - 1]?.seq ?? -1))).toBe(
      true,
    );
    for (const c of inCluster.slice(1)) expect(c.hash).toBe(recordHash(records[c.seq]!));
    expect(inCluster.slice(1).reduce((n, c) => n + Object.values(c.indices).reduce((a, b) => a + b, 0), 0)).toBe(25);

    const beside = readCheckpointLines(
      await readFile(join(checkpointDir(spoolDir), `${first.producerId}.jsonl`), 'utf8'),
    );
    expect(beside).toEqual(inCluster);
    const { publicKey } = publicKeyFromPem(await readFile(join(checkpointDir(spoolDir), PUBLIC_KEY_FILE), 'utf8'));
    for (const c of inCluster) expect(checkpointSignatureValid(c, publicKey)).toBe(true);
  });

  it('names the producer that ran before it on the same spool when it restarts', async () => {
    const before = await storedCheckpoints(first.producerId);
    const second = transport();
    await logRecords(second, 3);
    const [genesis] = await storedCheckpoints(second.producerId);
    expect(genesis).toMatchObject({
      kind: 'genesis',
      predecessor: { producer_id: first.producerId, seq: 24, hash: before.at(-1)!.hash },
      key_id: before[0]!.key_id,
    });
  });
});
