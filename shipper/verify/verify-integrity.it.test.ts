import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointId, type Checkpoint } from '../../opensearch/integrity/checkpoint.ts';
import { appendRetentionLog } from '../../opensearch/lifecycle/retention-log.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { publicKeyFromPem } from '../../opensearch/integrity/signing-key.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { signedChain, testKey, type ChainedRecord, type SignedChain } from '../../test/signed-chain.ts';
import { writeRecords } from '../../test/write-records.ts';
import { OpenSearchTransport } from '../transport/opensearch-transport.ts';
import { readCheckpointFiles } from './checkpoint-files.ts';
import type { ProducerIntegrity } from './integrity-report.ts';
import { verifyIntegrity, type IntegrityOptions } from './verify-integrity.ts';

const client = testClient();
const prefix = uniquePrefix('integrity');
const names = indexNames(prefix);
const key = testKey();
const keys = new Map([[key.keyId, key.publicKey]]);
const dirs: string[] = [];
const DAY = 86_400_000;
const NOV = Date.parse('2026-11-02T00:00:00Z');

const monthIndex = (record: ChainedRecord) => names.logIndexFor(record['@timestamp'], 'month');

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
});
afterAll(async () => {
  await dropPrefix(client, prefix);
  await client.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Writes what a producer writes: its records into the log indices, its checkpoints into the cluster. */
async function produce(
  producerId: string,
  options: {
    count: number;
    every?: number;
    final?: boolean;
    time?: (seq: number) => number;
    predecessor?: Checkpoint['predecessor'];
  },
): Promise<SignedChain> {
  const chain = signedChain({
    producerId,
    key,
    count: options.count,
    every: options.every ?? 10,
    final: options.final ?? true,
    index: monthIndex,
    ...(options.time ? { time: options.time } : {}),
    ...(options.predecessor ? { predecessor: options.predecessor } : {}),
  });
  const written = await writeRecords(client, names, 'month', chain.records);
  expect(written.filter((w) => w.status !== 201)).toEqual([]);
  await writeCheckpoints(chain.checkpoints);
  return chain;
}

async function writeCheckpoints(checkpoints: readonly Checkpoint[]) {
  const body = checkpoints.flatMap((c) => [{ create: { _index: names.checkpoints, _id: checkpointId(c) } }, c]);
  const { body: response } = await client.bulk({ body: body as never, refresh: true });
  expect(response.errors).toBe(false);
}

/** The copy beside the spool: `<spoolDir>/checkpoints/<producerId>.jsonl`. */
async function spoolCopy(producerId: string, checkpoints: readonly Checkpoint[]): Promise<string> {
  const spoolDir = await mkdtemp(join(tmpdir(), 'synclog-verify-'));
  dirs.push(spoolDir);
  await mkdir(join(spoolDir, 'checkpoints'));
  await writeFile(
    join(spoolDir, 'checkpoints', `${producerId}.jsonl`),
    checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''),
  );
  return spoolDir;
}

const doc = (record: ChainedRecord) => ({ index: monthIndex(record), id: record.event_id });

async function verifyOne(producer: string, options: Partial<IntegrityOptions> = {}): Promise<ProducerIntegrity> {
  const report = await verifyIntegrity(client, names, { keys, producer, pageSize: 7, ...options });
  expect(report.totals.producers).toBe(1);
  return report.lineages[0]!.producers[0]!;
}
const findingsOf = (p: ProducerIntegrity) => p.findings.map((f) => [f.kind, f.from, f.to, f.detail]);

describe('verifyIntegrity against documents tampered with in OpenSearch', () => {
  it('finds nothing in a closed producer, read page by page', async () => {
    await produce('intact', { count: 45 });
    const p = await verifyOne('intact');
    expect(p).toMatchObject({ records: 45, first: 0, last: 44, findings: [], unverifiable: null });
    expect(p.checkpoints).toMatchObject({ valid: 6, invalid: 0, highest: 44, final: 44 });
  });

  it('names a record whose field an administrator changed as altered', async () => {
    const chain = await produce('alter', { count: 30 });
    await client.update({
      ...doc(chain.records[12]!),
      body: { doc: { message: 'Customer deleted' } },
      refresh: true,
    } as never);
    const p = await verifyOne('alter');
    expect(findingsOf(p)).toEqual([['altered', 12, 12, 'its hash does not match the chain_prev of seq 13']]);
    expect(p.findings[0]!.documents).toEqual([doc(chain.records[12]!)]);
  });

  it('names a forged record at an existing seq as inserted', async () => {
    const chain = await produce('forge', { count: 30 });
    const original = chain.records[7]!;
    const forged = { ...original, event_id: '01900000-0000-7000-8000-000000000001', message: 'Payment approved' };
    await client.index({ index: monthIndex(forged), id: forged.event_id, body: forged, refresh: true } as never);
    const p = await verifyOne('forge');
    expect(findingsOf(p)).toEqual([
      ['inserted', 7, 7, 'not the record linked into the chain (the chain_prev of seq 8 names another)'],
    ]);
    expect(p.findings[0]!.documents).toEqual([doc(forged)]);
  });

  it('names a record deleted in the middle as missing', async () => {
    const chain = await produce('gap', { count: 30 });
    await client.delete({ ...doc(chain.records[15]!), refresh: true } as never);
    expect(findingsOf(await verifyOne('gap'))).toEqual([['missing', 15, 15, 'inside']]);
  });

  it('names a deleted first record as missing at the head', async () => {
    const chain = await produce('head', { count: 30 });
    await client.delete({ ...doc(chain.records[0]!), refresh: true } as never);
    expect(findingsOf(await verifyOne('head'))).toEqual([['missing', 0, 0, 'at the head']]);
  });

  it('names the last record as missing at the tail when it was deleted with the last checkpoint in the cluster, from the copy beside the spool', async () => {
    const chain = await produce('tail', { count: 25 }); // checkpoints at 9, 19 and the final at 24
    await client.delete({ ...doc(chain.records[24]!), refresh: true } as never);
    await client.delete({
      index: names.checkpoints,
      id: checkpointId(chain.checkpoints.at(-1)!),
      refresh: true,
    } as never);
    const blind = await verifyOne('tail');
    expect(blind.findings).toEqual([]);
    expect(blind.unverifiable).toEqual({ after: 19, records: 4, absent: 0 });

    const files = await readCheckpointFiles([await spoolCopy('tail', chain.checkpoints)]);
    const p = await verifyOne('tail', { files });
    expect(findingsOf(p)).toEqual([['missing', 24, 24, 'at the tail']]);
    expect(p.notes).toEqual(['1 checkpoint(s) only in the files, not in the cluster (the latest at seq 24)']);
  });

  it('names two records whose contents were swapped as reordered', async () => {
    const chain = await produce('swap', { count: 30 });
    const [a, b] = [chain.records[4]!, chain.records[21]!];
    await client.index({ ...doc(a), body: { ...b, producer_seq: 4 }, refresh: true } as never);
    await client.index({ ...doc(b), body: { ...a, producer_seq: 21 }, refresh: true } as never);
    expect(findingsOf(await verifyOne('swap'))).toEqual([
      ['reordered', 4, 4, 'holds the record of seq 21'],
      ['reordered', 21, 21, 'holds the record of seq 4'],
    ]);
  });

  it('names a checkpoint with a bad signature as inserted and does not let it claim records', async () => {
    const chain = await produce('badsig', { count: 20 });
    const final = chain.checkpoints.at(-1)!;
    const forged = { ...final, seq: 30, hash: 'a'.repeat(64) };
    await client.index({ index: names.checkpoints, id: checkpointId(forged), body: forged, refresh: true } as never);
    const p = await verifyOne('badsig');
    expect(findingsOf(p)).toEqual([
      ['inserted', 30, 30, `checkpoint final at seq 30 (${names.checkpoints}/badsig:final:30) has a bad signature`],
    ]);
    expect(p.checkpoints).toMatchObject({ invalid: 1, highest: 19, final: 19 });
  });

  it('names the records of a producer that no valid checkpoint vouches for as inserted', async () => {
    const stranger = testKey();
    const chain = signedChain({
      producerId: 'stranger',
      key: stranger,
      count: 5,
      every: 10,
      final: true,
      index: monthIndex,
    });
    await writeRecords(client, names, 'month', chain.records);
    await writeCheckpoints(chain.checkpoints);
    const p = await verifyOne('stranger');
    expect(findingsOf(p)).toEqual([
      [
        'inserted',
        -1,
        -1,
        `checkpoint genesis at seq -1 (${names.checkpoints}/stranger:genesis:-1) is signed by unknown key ${stranger.keyId}`,
      ],
      ['inserted', 0, 4, 'no valid signed checkpoint vouches for this producer'],
      [
        'inserted',
        4,
        4,
        `checkpoint final at seq 4 (${names.checkpoints}/stranger:final:4) is signed by unknown key ${stranger.keyId}`,
      ],
    ]);
  });

  it('reports the tail of a killed producer as unverifiable after its last checkpoint and finds nothing', async () => {
    await produce('killed', { count: 27, final: false });
    const p = await verifyOne('killed');
    expect(p.findings).toEqual([]);
    expect(p.unverifiable).toEqual({ after: 19, records: 7, absent: 0 });
  });

  it('reports the records of an index the lifecycle deleted as deleted by retention on that day', async () => {
    // seq 0..19 in October, 20..39 in November.
    const chain = await produce('aged', { count: 40, time: (seq) => (seq < 20 ? NOV - 20 * DAY : NOV) + seq * 1_000 });
    const october = monthIndex(chain.records[0]!);
    await client.indices.delete({ index: october });
    await appendRetentionLog(client, names.retentionLog, {
      index: october,
      step: 'deleted',
      outcome: 'done',
      at: '2028-11-01T03:00:00.000Z',
      by: 'test',
    });
    const p = await verifyOne('aged');
    expect(p.findings).toEqual([]);
    expect(p.deletedByRetention).toEqual([
      { from: 0, to: 19, count: 20, indices: [{ index: october, deletedOn: '2028-11-01' }] },
    ]);
  });

  it('counts a dead-lettered seq as refused, not missing, and checks the link across it', async () => {
    const chain = signedChain({ producerId: 'refused', key, count: 20, every: 10, final: true, index: monthIndex });
    const letter = chain.records[13]!;
    await writeRecords(
      client,
      names,
      'month',
      chain.records.filter((r) => r !== letter),
    );
    await writeCheckpoints(chain.checkpoints);
    await client.index({
      index: names.deadLetter,
      body: {
        '@timestamp': letter['@timestamp'],
        reason: 'mapper_parsing_exception',
        reason_code: 'mapping',
        error_type: 'mapper_parsing_exception',
        target_index: monthIndex(letter),
        event_id: letter.event_id,
        producer_id: 'refused',
        producer_seq: 13,
        raw: JSON.stringify(letter),
      },
      refresh: true,
    } as never);
    const p = await verifyOne('refused');
    expect(p.findings).toEqual([]);
    expect(p.refused).toBe(1);
    await client.update({ ...doc(chain.records[12]!), body: { doc: { level: 'warn' } }, refresh: true } as never);
    expect(findingsOf(await verifyOne('refused'))).toEqual([
      ['altered', 12, 12, 'its hash does not match the chain_prev of dead-lettered seq 13'],
    ]);
  });

  it('shows a restarted producer and the one it names as predecessor as one lineage', async () => {
    const first = await produce('line-1', { count: 12 });
    await produce('line-2', { count: 5, predecessor: { producer_id: 'line-1', seq: 11, hash: first.hashes[11]! } });
    const report = await verifyIntegrity(client, names, { keys, producer: 'line-*' });
    expect(report.lineages.map((l) => l.producers.map((p) => p.producerId))).toEqual([['line-1', 'line-2']]);
    expect(report.clean).toBe(true);
  });

  it('checks the checkpoint intervals a time window touches, whole', async () => {
    // One record a minute: seq 25 at minute 25; checkpoints at 9, 19, 29, 39, 49.
    const chain = await produce('window', { count: 50, time: (seq) => NOV + seq * 60_000 });
    await client.delete({ ...doc(chain.records[2]!), refresh: true } as never);
    await client.delete({ ...doc(chain.records[21]!), refresh: true } as never);
    const p = await verifyOne('window', { from: new Date(NOV + 25 * 60_000), to: new Date(NOV + 27 * 60_000) });
    expect(p.checked).toEqual({ from: 20, to: 29 });
    expect(findingsOf(p)).toEqual([['missing', 21, 21, 'inside']]);
  });

  it('verifies what the transport wrote across a restart as one clean lineage, and names a record then altered', async () => {
    const spoolDir = await mkdtemp(join(tmpdir(), 'synclog-verify-'));
    dirs.push(spoolDir);
    const producers: string[] = [];
    for (let run = 0; run < 2; run++) {
      const transport = new OpenSearchTransport({
        client,
        service: 'crm-sync',
        producerName: 'real',
        indexPrefix: prefix,
        spoolDir,
        checkpointRecords: 10,
      });
      producers.push(transport.producerId);
      for (let i = 0; i < 25; i++) {
        transport.log(
          {
            level: i % 7 === 0 ? 'error' : 'info',
            message: `Импорт клиента ЦБ-${String(i).padStart(6, '0')}`,
            operation_type: 'import_from_1c',
            status: i % 7 === 0 ? 'error' : 'success',
            customer: { id: `c-${i}`, name: `ООО «Ромашка ${i}»` },
            details: { attempt: i % 3, ratio: 0.1 * i },
            ...(i % 7 === 0 ? { error: new Error(`Таймаут 1С после ${i * 100} мс`) } : {}),
          },
          () => {},
        );
      }
      await transport.close();
    }
    await client.indices.refresh({ index: `${prefix}-*` });
    const pem = await readFile(join(spoolDir, 'checkpoints', 'signing-key.pub.pem'), 'utf8');
    const { keyId, publicKey } = publicKeyFromPem(pem);
    const options = {
      keys: new Map([[keyId, publicKey]]),
      files: await readCheckpointFiles([spoolDir]),
      producer: 'real-*',
    };
    const report = await verifyIntegrity(client, names, options);
    expect(report.lineages.map((l) => l.producers.map((p) => [p.producerId, p.records, p.checkpoints.final]))).toEqual([
      [
        [producers[0], 25, 24],
        [producers[1], 25, 24],
      ],
    ]);
    expect(report.clean).toBe(true);

    const { body } = await client.search({
      index: names.readAlias,
      body: { query: { bool: { filter: [{ term: { producer_id: producers[1] } }, { term: { producer_seq: 6 } }] } } },
    } as never);
    const hit = (body.hits.hits as Array<{ _index: string; _id: string }>)[0]!;
    await client.update({
      index: hit._index,
      id: hit._id,
      body: { doc: { status: 'error' } },
      refresh: true,
    } as never);
    const tampered = await verifyIntegrity(client, names, options);
    expect(tampered.lineages[0]!.producers[1]!.findings.map((f) => [f.kind, f.from, f.detail])).toEqual([
      ['altered', 6, 'its hash does not match the chain_prev of seq 7'],
    ]);
  });
});
