import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Checkpoint, CheckpointKind, Predecessor } from '../opensearch/integrity/checkpoint.ts';
import { canonicalText } from '../opensearch/integrity/record-hash.ts';
import { keyIdOf } from '../opensearch/integrity/signing-key.ts';
import { newEventId } from '../opensearch/record/event-id.ts';

export interface TestKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  readonly publicPem: string;
}

export function testKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicPem };
}

export type ChainedRecord = Record<string, unknown> & { '@timestamp': string; event_id: string; producer_seq: number };

/** SHA-256 over the JCS text of the record without `chain_prev`: the ground truth the tests hold the verifier to. */
export function hashOf(record: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalText(record), 'utf8').digest('hex');
}

export function signed(unsigned: Omit<Checkpoint, 'signature'>, key: TestKey): Checkpoint {
  const signature = sign(null, Buffer.from(canonicalText(unsigned), 'utf8'), key.privateKey).toString('base64');
  return { ...unsigned, signature };
}

export interface SignedChainOptions {
  readonly producerId: string;
  readonly key: TestKey;
  /** Records written. */
  readonly count: number;
  /** A periodic checkpoint after every this many records. */
  readonly every: number;
  /** Writes the `final` checkpoint (a producer that closed); false: killed after the last periodic one. */
  readonly final: boolean;
  /** Event time of record `seq`. Default: 2026-11-02T00:00:00Z plus `seq` seconds. */
  readonly time?: (seq: number) => number;
  /** The log index record `seq` goes to (what the checkpoints count). */
  readonly index: (record: ChainedRecord) => string;
  readonly predecessor?: Predecessor;
}

export interface SignedChain {
  readonly records: ChainedRecord[];
  readonly checkpoints: Checkpoint[];
  /** `hashOf` each record, by seq. */
  readonly hashes: string[];
}

const BASE = Date.parse('2026-11-02T00:00:00Z');

/**
 * What a producer writes, computed independently of the shipper: records linked by `chain_prev`,
 * a genesis checkpoint, one every `every` records and (optionally) a final one, signed with `key`.
 */
export function signedChain(options: SignedChainOptions): SignedChain {
  const time = options.time ?? ((seq: number) => BASE + seq * 1_000);
  const records: ChainedRecord[] = [];
  const hashes: string[] = [];
  const checkpoints: Checkpoint[] = [];
  let counts: Record<string, number> = {};
  const checkpoint = (kind: CheckpointKind, at: number) => {
    const seq = records.length - 1;
    checkpoints.push(
      signed(
        {
          producer_id: options.producerId,
          kind,
          seq,
          hash: seq < 0 ? '0'.repeat(64) : hashes[seq]!,
          indices: counts,
          at: new Date(at).toISOString(),
          ...(kind === 'genesis' && options.predecessor ? { predecessor: options.predecessor } : {}),
          key_id: options.key.keyId,
        },
        options.key,
      ),
    );
    counts = {};
  };
  checkpoint('genesis', time(0) - 1);
  for (let seq = 0; seq < options.count; seq++) {
    const at = time(seq);
    const record: ChainedRecord = {
      '@timestamp': new Date(at).toISOString(),
      ingested_at: new Date(at).toISOString(),
      event_id: newEventId(at),
      producer_id: options.producerId,
      producer_seq: seq,
      chain_prev: seq === 0 ? '0'.repeat(64) : hashes[seq - 1]!,
      level: 'info',
      message: `Imported customer ${seq} from 1C`,
      service: { name: 'crm-sync' },
    };
    records.push(record);
    hashes.push(hashOf(record));
    const index = options.index(record);
    counts[index] = (counts[index] ?? 0) + 1;
    if ((seq + 1) % options.every === 0) checkpoint('periodic', at);
  }
  if (options.final) checkpoint('final', time(options.count));
  return { records, checkpoints, hashes };
}
