import { Transform } from 'node:stream';

/**
 * Joins small chunks into buffers of about `bytes`: a CSV writer emits one string per row, and
 * every stage after it (hash, response stream, HTTP) pays per chunk, not per byte. Strings are
 * joined as strings and encoded once per chunk.
 */
export function coalesceChunks(bytes = 64 * 1024): Transform {
  let held = '';
  const encoded: Buffer[] = [];
  let size = 0;
  const take = () => {
    if (held !== '') encoded.push(Buffer.from(held));
    held = '';
    const joined = Buffer.concat(encoded);
    encoded.length = 0;
    size = 0;
    return joined;
  };
  return new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _encoding, callback) {
      if (typeof chunk === 'string') {
        held += chunk;
        size += chunk.length;
      } else {
        if (held !== '') encoded.push(Buffer.from(held));
        held = '';
        encoded.push(chunk);
        size += chunk.length;
      }
      callback(null, size >= bytes ? take() : undefined);
    },
    flush(callback) {
      callback(null, size > 0 ? take() : undefined);
    },
  });
}
