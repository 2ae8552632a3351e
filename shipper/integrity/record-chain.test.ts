import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHAIN_START, recordHash } from '../../opensearch/integrity/record-hash.ts';
import { createRecordChain } from './record-chain.ts';

/** JCS for the JSON values these tests use, written out independently: keys sorted, JSON.stringify leaves. */
function independentCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(independentCanonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${independentCanonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const record = (n: number): Record<string, unknown> => ({
  message: `Клиент ЦБ-${String(n).padStart(6, '0')} синхронизирован`,
  producer_seq: n,
  level: 'info',
  details: { nested: { b: [1, 2.5, 'три'], a: true }, ключ: null, skipped: undefined },
  '@timestamp': '2026-12-04T10:00:00.000Z',
  duration_ms: n * 7,
});

describe('the record chain', () => {
  it('links each record to the SHA-256 of the JCS text of the one before, its own link included', () => {
    const chain = createRecordChain();
    const records = [record(0), record(1), record(2)];
    records.forEach((r, seq) => chain.link(r, seq, 'p-logs-2026.12'));
    expect(records[0]!.chain_prev).toBe(CHAIN_START);
    for (let i = 1; i < records.length; i++) {
      expect(records[i - 1]!.chain_prev).toMatch(/^[0-9a-f]{64}$/);
      expect(records[i]!.chain_prev).toBe(sha256(independentCanonical(records[i - 1])));
    }
    expect(chain.head()).toEqual({ seq: 2, hash: recordHash(records[2]!) });
  });

  it('gives the stored bytes read back the hash the producer linked, whatever their key order', () => {
    const chain = createRecordChain();
    const first = record(0);
    const second = record(1);
    chain.link(first, 0, 'i');
    chain.link(second, 1, 'i');
    const stored = JSON.parse(JSON.stringify(first)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(stored).reverse());
    expect(recordHash(reordered)).toBe(second.chain_prev);
  });

  it('hashes a record with a lone surrogate as its stored text reads back, instead of throwing', () => {
    const chain = createRecordChain();
    const broken = { message: `bad \uD800 text`, producer_seq: 0 };
    expect(() => chain.link(broken, 0, 'i')).not.toThrow();
    const readBack = JSON.parse(JSON.stringify(broken)) as Record<string, unknown>;
    expect(recordHash(readBack)).toBe(chain.head().hash);
  });

  it('counts records per index since the last checkpoint and starts over when the counts are taken', () => {
    const chain = createRecordChain();
    chain.link(record(0), 0, 'a');
    chain.link(record(1), 1, 'b');
    chain.link(record(2), 2, 'a');
    expect(chain.pending()).toBe(3);
    expect(chain.takeIndexCounts()).toEqual({ a: 2, b: 1 });
    expect(chain.pending()).toBe(0);
    chain.link(record(3), 3, 'b');
    expect(chain.takeIndexCounts()).toEqual({ b: 1 });
  });

  it('hashes the bytes it is given to send, which read back as the record and give the same hash', () => {
    const chain = createRecordChain();
    const sent: Buffer[] = [];
    const first = record(0);
    chain.link(first, 0, 'i', (text) => {
      const bytes = Buffer.from(`{"create":{}}\n${text}\n`);
      sent.push(bytes.subarray(14, bytes.length - 1));
      return sent.at(-1)!;
    });
    expect(sent[0]!.toString()).toBe(independentCanonical(first));
    expect(chain.head().hash).toBe(sha256(sent[0]!.toString()));
    expect(recordHash(JSON.parse(sent[0]!.toString()) as Record<string, unknown>)).toBe(chain.head().hash);
  });
});
