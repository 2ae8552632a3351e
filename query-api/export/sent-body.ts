import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { csvRowsSent } from './csv-rows-sent.ts';

/** What the client was handed: bytes, their SHA-256 (hex), and for CSV the rows begun in them. */
export interface Sent {
  readonly bytes: number;
  readonly sha256: string;
  /** Null where the bytes cannot be read as rows (XLSX is a zip). */
  readonly rows: number | null;
}

/** How a download ended: whole, the client gone, or its source failing. */
export type SentEnd = 'completed' | 'aborted' | 'failed';

/**
 * A download as the HTTP server takes it: one chunk per read and nothing queued ahead (high-water
 * mark 0), so what is counted and hashed is what was handed to the connection, also when the
 * client leaves part-way. `finish` runs once: after the last chunk and before the end of the
 * stream (its rejection breaks the download off, so nobody takes an unrecorded file for a whole
 * one), when the client went away (the source is destroyed first), or when the source failed.
 */
export function sentBody(
  source: Readable,
  format: 'csv' | 'xlsx',
  finish: (end: SentEnd, sent: Sent, error?: Error) => Promise<void>,
): ReadableStream<Uint8Array> {
  const hash = createHash('sha256');
  const rows = format === 'csv' ? csvRowsSent() : null;
  let bytes = 0;
  let finished = false;
  const end = (how: SentEnd, error?: Error) => {
    finished = true;
    return finish(how, { bytes, sha256: hash.digest('hex'), rows: rows?.rows() ?? null }, error);
  };
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (error) {
          if (finished) return;
          await end('failed', error as Error).catch(() => {});
          controller.error(error);
          return;
        }
        if (finished) return;
        if (next.done) {
          try {
            await end('completed');
            controller.close();
          } catch (error) {
            controller.error(error);
          }
          return;
        }
        hash.update(next.value);
        bytes += next.value.length;
        rows?.add(next.value);
        controller.enqueue(next.value);
      },
      async cancel() {
        if (finished) return;
        source.destroy();
        await end('aborted');
      },
    },
    { highWaterMark: 0 },
  );
}
