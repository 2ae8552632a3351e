import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drained } from './drained.ts';

describe('waiting for a stream to drain', () => {
  it('resolves on drain and leaves no listener behind, however often it waits', async () => {
    const stream = new PassThrough({ highWaterMark: 4 });
    for (let i = 0; i < 50; i++) {
      stream.write('more than four bytes');
      const waited = drained(stream);
      stream.read();
      await waited;
    }
    expect(stream.listenerCount('drain')).toBe(0);
    expect(stream.listenerCount('close')).toBe(0);
  });

  it('resolves when the stream is destroyed before it drains', async () => {
    const stream = new PassThrough({ highWaterMark: 4 });
    stream.write('more than four bytes');
    const waited = drained(stream);
    stream.destroy();
    await expect(waited).resolves.toBeUndefined();
  });
});
