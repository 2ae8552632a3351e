import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { coalesceChunks } from './coalesce-chunks.ts';

describe('coalescing chunks', () => {
  it('passes every byte on, in order, in chunks of about the size asked for', async () => {
    const pieces = Array.from({ length: 1_000 }, (_, i) => Buffer.from(`row ${i},"a ""quoted"" value"\n`));
    const out: Buffer[] = [];
    for await (const chunk of Readable.from(pieces).pipe(coalesceChunks(4_096))) out.push(chunk as Buffer);
    expect(Buffer.concat(out).equals(Buffer.concat(pieces))).toBe(true);
    expect(out.length).toBeLessThan(15);
    expect(out.slice(0, -1).every((chunk) => chunk.length >= 4_096 && chunk.length < 4_096 + 64)).toBe(true);
  });
});
