import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sentBody, type Sent, type SentEnd } from './sent-body.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const chunks = ['\uFEFFid,name\n', '1,"a\nb"\n', '2,c\n'].map((text) => Buffer.from(text));

function recorded(finish?: (end: SentEnd, sent: Sent) => Promise<void>) {
  const ends: Array<{ end: SentEnd; sent: Sent; error?: Error }> = [];
  return {
    ends,
    finish: async (end: SentEnd, sent: Sent, error?: Error) => {
      ends.push({ end, sent, ...(error ? { error } : {}) });
      await finish?.(end, sent);
    },
  };
}

describe('the body of a download', () => {
  it('finishes as completed with every byte, their SHA-256 and the CSV rows, before the stream ends', async () => {
    const { ends, finish } = recorded();
    const body = sentBody(Readable.from(chunks), 'csv', finish);
    const received = Buffer.from(await new Response(body).arrayBuffer());
    expect(received.equals(Buffer.concat(chunks))).toBe(true);
    expect(ends).toEqual([{ end: 'completed', sent: { bytes: received.length, sha256: sha256(received), rows: 2 } }]);
  });

  it('hands out one chunk per read, and on cancel finishes as aborted with only the chunks handed out', async () => {
    const source = new PassThrough();
    source.write(chunks[0]);
    const { ends, finish } = recorded();
    const reader = sentBody(source, 'csv', finish).getReader();
    const first = Buffer.from((await reader.read()).value!);
    // Waiting in the source, not handed out: nothing reads them.
    source.write(chunks[1]);
    source.write(chunks[2]);
    await reader.cancel();
    expect(first.equals(chunks[0]!)).toBe(true);
    expect(ends).toEqual([{ end: 'aborted', sent: { bytes: first.length, sha256: sha256(first), rows: 0 } }]);
    expect(source.destroyed).toBe(true);
  });

  it('finishes as failed with the error when its source fails, and breaks the stream off', async () => {
    const source = new PassThrough();
    source.write(chunks[0]);
    const { ends, finish } = recorded();
    const reader = sentBody(source, 'xlsx', finish).getReader();
    await reader.read();
    source.destroy(new Error('OpenSearch went away'));
    await expect(reader.read()).rejects.toThrow('OpenSearch went away');
    expect(ends).toMatchObject([
      { end: 'failed', sent: { bytes: chunks[0]!.length, rows: null }, error: { message: 'OpenSearch went away' } },
    ]);
  });

  it('breaks the stream off instead of ending it when finishing fails', async () => {
    const { finish } = recorded(() => Promise.reject(new Error('the access log is full')));
    const body = sentBody(Readable.from(chunks), 'csv', finish);
    await expect(new Response(body).arrayBuffer()).rejects.toThrow('the access log is full');
  });
});
