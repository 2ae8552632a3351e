import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDiskSpool } from './index.ts';
import { drain, recordNumbers, tempRoot } from './fixtures/spool-fixtures.ts';

const fixture = fileURLToPath(new URL('./fixtures/wal-writer.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Resolves when the child prints `line`; rejects if it exits first. */
function waitForLine(child: ChildProcess, line: string): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').includes(line)) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before "${line}":\n${output}`)));
  });
}

describe('a write-ahead producer killed with SIGKILL', () => {
  it('loses none of the records append() returned for: the next spool replays them all, in order', async () => {
    const root = await tempRoot();
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, root, 'killed', '500'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForLine(child, 'appended');

    child.kill('SIGKILL');
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGKILL');

    const errors: unknown[] = [];
    const survivor = createDiskSpool({
      dir: root,
      producerId: 'survivor',
      mode: 'wal',
      onError: (error) => errors.push(error),
    });
    const replayed = await drain(survivor);
    await survivor.close();

    expect(replayed.records).toBe(500);
    expect(recordNumbers(replayed.lines)).toEqual([...Array(500).keys()]);
    expect(errors).toEqual([]);
  }, 30_000);
});
