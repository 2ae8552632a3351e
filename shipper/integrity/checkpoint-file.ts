import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpointSchema, type Checkpoint, type Predecessor } from '../../opensearch/integrity/checkpoint.ts';
import { isOwnerAlive, ownerForThisProcess, type Owner } from '../spool/producer-ownership.ts';

/**
 * The copy of a producer's checkpoints beside its spool, `<spoolDir>/checkpoints/<producerId>.jsonl`:
 * one signed checkpoint per line, synced as written, out of reach of whoever administers the cluster.
 * `<producerId>.owner.json` says which process writes it; `<producerId>.successor` names the producer
 * that took over after it (created exclusively, so two restarts never both claim one predecessor).
 */
export interface CheckpointFile {
  readonly path: string;
  /** Appends and syncs one checkpoint; appends run one after another, in call order. */
  append(checkpoint: Checkpoint): Promise<void>;
}

const PRODUCER_SUFFIX = /^-[0-9a-z]+-[0-9a-f]+$/;

export const checkpointDir = (spoolDir: string) => join(spoolDir, 'checkpoints');

export function openCheckpointFile(spoolDir: string, producerId: string, startedAt: number): CheckpointFile {
  const dir = checkpointDir(spoolDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${producerId}.owner.json`),
    `${JSON.stringify(ownerForThisProcess(producerId, startedAt))}\n`,
  );
  const path = join(dir, `${producerId}.jsonl`);
  let last: Promise<void> = Promise.resolve();
  const write = async (line: string) => {
    const file = await open(path, 'a');
    try {
      await file.appendFile(line);
      await file.datasync();
    } finally {
      await file.close();
    }
  };
  return {
    path,
    append(checkpoint) {
      const line = `${JSON.stringify(checkpoint)}\n`;
      last = last.catch(() => {}).then(() => write(line));
      return last;
    },
  };
}

/** Every well-formed checkpoint in a file; torn or unreadable lines (a crash mid-write) are skipped. */
export function readCheckpointLines(text: string): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = checkpointSchema.safeParse(JSON.parse(line));
      if (parsed.success) checkpoints.push(parsed.data);
    } catch {
      // A torn last line.
    }
  }
  return checkpoints;
}

/**
 * The producer of the same name that ran before this one from this spool, claimed for `producerId`:
 * the newest whose process is gone (closed with a `final` checkpoint, or killed) and that no other
 * producer has claimed. Null when there is none (first start, or every earlier one is claimed).
 */
export function claimPredecessor(spoolDir: string, producerName: string, producerId: string): Predecessor | null {
  const dir = checkpointDir(spoolDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const present = new Set(names);
  const candidates: { id: string; last: Checkpoint; genesisAt: string }[] = [];
  for (const name of names) {
    if (!name.endsWith('.jsonl') || !name.startsWith(`${producerName}-`)) continue;
    const id = name.slice(0, -'.jsonl'.length);
    // `<producerName>-<start time>-<random>`: not a producer of a longer name that starts alike.
    if (!PRODUCER_SUFFIX.test(id.slice(producerName.length))) continue;
    if (id === producerId || present.has(`${id}.successor`)) continue;
    const lines = readCheckpointLines(readQuietly(join(dir, name)));
    const last = lines.at(-1);
    if (!last || (last.kind !== 'final' && isAlive(dir, id))) continue;
    candidates.push({ id, last, genesisAt: lines[0]!.at });
  }
  candidates.sort((a, b) => (a.genesisAt < b.genesisAt ? 1 : a.genesisAt > b.genesisAt ? -1 : 0));
  for (const candidate of candidates) {
    try {
      writeFileSync(join(dir, `${candidate.id}.successor`), `${producerId}\n`, { flag: 'wx' });
      return { producer_id: candidate.id, seq: candidate.last.seq, hash: candidate.last.hash };
    } catch {
      // Claimed by another producer starting at the same moment: try the next.
    }
  }
  return null;
}

function isAlive(dir: string, producerId: string): boolean {
  try {
    return isOwnerAlive(JSON.parse(readFileSync(join(dir, `${producerId}.owner.json`), 'utf8')) as Owner);
  } catch {
    return false;
  }
}

function readQuietly(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
