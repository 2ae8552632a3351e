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

describe('coalescing string chunks', () => {
  it('encodes strings as UTF-8 once per chunk, bytes unchanged and in order among buffers', async () => {
    const pieces: Array<string | Buffer> = Array.from({ length: 2_000 }, (_, i) =>
      i % 7 === 0 ? Buffer.from(`raw ${i}\n`) : `строка ${i},"ООО ""Ромашка"""\r\n`,
    );
    const out: Buffer[] = [];
    for await (const chunk of Readable.from(pieces, { objectMode: true }).pipe(coalesceChunks(4_096)))
      out.push(chunk as Buffer);
    expect(
      Buffer.concat(out).equals(
        Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece))),
      ),
    ).toBe(true);
    expect(out.every((chunk) => Buffer.isBuffer(chunk))).toBe(true);
    expect(out.slice(0, -1).every((chunk) => chunk.length >= 4_096)).toBe(true);
  });
});
