import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { CHAIN_START } from '../../opensearch/integrity/checkpoint.ts';
import { recordHash } from '../../opensearch/integrity/record-hash.ts';
import {
  checkpointSignatureValid,
  generateSigningKey,
  publicKeyFromPem,
  signingKeyFromPem,
} from '../../opensearch/integrity/signing-key.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { openCheckpointFile, readCheckpointLines } from './checkpoint-file.ts';
import { createCheckpointer } from './checkpointer.ts';
import { createRecordChain } from './record-chain.ts';

/**
 * When checkpoints are taken and what they state. The requests are recorded, not sent: how the
 * cluster stores them is tested against a real node in producer-integrity.it.test.ts.
 */
function setup(options: { checkpointRecords?: number; failWrites?: number; holdSettling?: boolean } = {}) {
  /** What the engine's settled() would wait for: released by the test when `holdSettling`. */
  const unsettled: Array<() => void> = [];
  const settled = () =>
    options.holdSettling ? new Promise<void>((resolve) => unsettled.push(resolve)) : Promise.resolve();
  const pair = generateSigningKey();
  const key = signingKeyFromPem(pair.privatePem);
  const sent: Array<{ id: string; body: Record<string, unknown> }> = [];
  let failures = options.failWrites ?? 0;
  const client = {
    index: async (params: { id: string; body: Record<string, unknown> }) => {
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'ConnectionError' });
      }
      sent.push({ id: params.id, body: params.body });
      return { body: {} };
    },
  } as unknown as OpenSearchClient;
  const { clock, advance } = manualClock();
  const chain = createRecordChain();
  const spoolDir = mkdtempSync(join(tmpdir(), 'synclog-checkpointer-'));
  const file = openCheckpointFile(spoolDir, 'app-1', clock.now());
  const warnings: string[] = [];
  const checkpointer = createCheckpointer(
    { client, index: 'p-checkpoints', chain, key, file, clock, warn: (m) => warnings.push(m), settled },
    {
      producerId: 'app-1',
      checkpointRecords: options.checkpointRecords ?? 3,
      checkpointIntervalMs: 10_000,
      requestTimeoutMs: 1_000,
      predecessor: { producer_id: 'app-0', seq: 41, hash: 'a'.repeat(64) },
    },
  );
  const records: Record<string, unknown>[] = [];
  const log = (index = 'p-logs-2026.12') => {
    const record = { message: `r${records.length}`, producer_seq: records.length };
    chain.link(record, records.length, index);
    records.push(record);
    checkpointer.recorded();
  };
  const publicKey = publicKeyFromPem(pair.publicPem).publicKey;
  return { sent, advance, log, records, checkpointer, file, publicKey, warnings, unsettled };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the checkpointer', () => {
  it('writes a genesis checkpoint naming the predecessor before any record', async () => {
    const { sent } = setup();
    await settle();
    expect(sent.map((s) => s.body)).toMatchObject([
      { kind: 'genesis', seq: -1, hash: CHAIN_START, predecessor: { producer_id: 'app-0', seq: 41 }, indices: {} },
    ]);
  });

  it('checkpoints every N records with the last seq, its hash and the records per index', async () => {
    const { sent, log, records } = setup({ checkpointRecords: 3 });
    log('a');
    log('b');
    log('a');
    log('a');
    await settle();
    const periodic = sent.filter((s) => s.body.kind === 'periodic').map((s) => s.body);
    expect(periodic).toMatchObject([{ seq: 2, hash: recordHash(records[2]!), indices: { a: 2, b: 1 } }]);
  });

  it('checkpoints after the interval when fewer than N records came, and not when none came', async () => {
    const { sent, log, records, advance } = setup({ checkpointRecords: 100 });
    log();
    advance(10_000);
    advance(10_000);
    await settle();
    const periodic = sent.filter((s) => s.body.kind === 'periodic').map((s) => s.body);
    expect(periodic).toMatchObject([{ seq: 0, hash: recordHash(records[0]!) }]);
  });

  it('signs every checkpoint so that the public key verifies it, and a changed field fails', async () => {
    const { sent, log, checkpointer, publicKey } = setup();
    log();
    await checkpointer.close(1_000);
    expect(sent.length).toBe(2);
    for (const { body } of sent) expect(checkpointSignatureValid(body as never, publicKey)).toBe(true);
    const forged = { ...sent[1]!.body, seq: 7 };
    expect(checkpointSignatureValid(forged as never, publicKey)).toBe(false);
  });

  it('writes a final checkpoint at close, into the cluster and into the file beside the spool', async () => {
    const { sent, log, records, checkpointer, file } = setup({ checkpointRecords: 100 });
    log();
    log();
    await checkpointer.close(1_000);
    await checkpointer.close(1_000);
    const inFile = readCheckpointLines(readFileSync(file.path, 'utf8'));
    expect(inFile.map((c) => [c.kind, c.seq])).toEqual([
      ['genesis', -1],
      ['final', 1],
    ]);
    expect(inFile[1]!.hash).toBe(recordHash(records[1]!));
    expect(sent.map((s) => s.id)).toEqual(['app-1:genesis:-1', 'app-1:final:1']);
  });

  it('sends a checkpoint the cluster refused again with the next one, in order', async () => {
    const { sent, log, checkpointer, warnings } = setup({ checkpointRecords: 2, failWrites: 1 });
    await settle();
    expect(sent).toEqual([]);
    log();
    log();
    await checkpointer.close(1_000);
    expect(sent.map((s) => s.body.kind)).toEqual(['genesis', 'periodic', 'final']);
    expect(warnings.some((w) => w.includes('sent again'))).toBe(true);
  });

  it('vouches only for settled records: the checkpoint taken at N waits for them, and states N', async () => {
    const { sent, log, records, unsettled } = setup({ checkpointRecords: 2, holdSettling: true });
    log();
    log();
    log();
    log();
    await settle();
    expect(sent.map((s) => s.body.kind)).toEqual(['genesis']);
    expect(unsettled.length).toBe(1);
    unsettled[0]!();
    await settle();
    await settle();
    const periodic = sent.filter((s) => s.body.kind === 'periodic').map((s) => s.body);
    expect(periodic).toMatchObject([{ seq: 1, hash: recordHash(records[1]!), indices: { 'p-logs-2026.12': 2 } }]);
  });
});
