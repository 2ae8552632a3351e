import { Transform } from 'node:stream';

/**
 * Joins small chunks into ones of about `bytes`: a CSV writer emits one chunk per row, and every
 * stage after it (hash, response stream, HTTP) pays per chunk, not per byte.
 */
export function coalesceChunks(bytes = 64 * 1024): Transform {
  let held: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      held.push(buffer);
      size += buffer.length;
      if (size >= bytes) {
        const joined = Buffer.concat(held, size);
        held = [];
        size = 0;
        callback(null, joined);
      } else callback();
    },
    flush(callback) {
      callback(null, size > 0 ? Buffer.concat(held, size) : undefined);
    },
  });
}
