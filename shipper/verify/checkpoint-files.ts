import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointCopy } from './checkpoint-set.ts';

export interface FileCheckpoints {
  /** Copies by the producer they name. */
  readonly byProducer: ReadonlyMap<string, readonly CheckpointCopy[]>;
  /** Lines that are not a checkpoint (a line torn by a crash mid-write). */
  readonly notes: readonly string[];
}

/**
 * Reads the checkpoint copies kept beside the spools (`--checkpoints`): a file of one checkpoint
 * JSON per line, or a directory whose `*.jsonl` files (and those of its `checkpoints/`
 * subdirectory, so a spool directory can be given as is) are such files. Throws when a path
 * cannot be read.
 */
export async function readCheckpointFiles(paths: readonly string[]): Promise<FileCheckpoints> {
  const byProducer = new Map<string, CheckpointCopy[]>();
  const notes: string[] = [];
  for (const path of paths) {
    for (const file of await checkpointFilesAt(path)) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        const where = `${file}:${i + 1}`;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          notes.push(`${where} is not a checkpoint (a line torn by a crash?)`);
          return;
        }
        const producerId = (value as { producer_id?: unknown } | null)?.producer_id;
        if (typeof producerId !== 'string') {
          notes.push(`${where} names no producer`);
          return;
        }
        const copies = byProducer.get(producerId) ?? [];
        copies.push({ origin: 'file', where, value });
        byProducer.set(producerId, copies);
      });
    }
  }
  return { byProducer, notes };
}

async function checkpointFilesAt(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const files: string[] = [];
  for (const dir of [path, join(path, 'checkpoints')]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    files.push(
      ...names
        .filter((name) => name.endsWith('.jsonl'))
        .sort()
        .map((name) => join(dir, name)),
    );
  }
  return files;
}
