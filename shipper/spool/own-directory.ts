import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { claimGeneration, isOwnerAlive, readOwnership, type Owner } from './producer-ownership.ts';

/**
 * Creates `<root>/<producerId>/` owned by this spool and returns its path. A directory left there
 * by an earlier process with the same producer id is claimed first and renamed to
 * `<producerId>~<startedAt>` (`~` cannot occur in a producer id), where the orphan scan finds it
 * claimed by this spool and replays it like any other orphan.
 *
 * Throws when the id is held by a live spool (two spools must not share a producer id) or the
 * directory cannot be created: both are configuration problems, found at start-up.
 */
export function takeOwnDirectory(root: string, self: Owner): string {
  mkdirSync(root, { recursive: true });
  const dir = join(root, self.producerId);
  if (!tryMkdir(dir)) {
    setAsidePredecessor(root, dir, self);
    mkdirSync(dir);
  }
  if (!claimGeneration(dir, 0, self)) {
    throw new Error(`spool directory ${dir} was taken by another process while it was being created`);
  }
  return dir;
}

function setAsidePredecessor(root: string, dir: string, self: Owner): void {
  const ownership = readOwnership(dir);
  if (ownership && isOwnerAlive(ownership.current)) {
    const { pid, hostname } = ownership.current ?? {};
    throw new Error(
      `spool producerId ${self.producerId} is in use by pid ${pid} on ${hostname} (${dir}): give every process its own producerId`,
    );
  }
  const generation = ownership ? ownership.generation + 1 : 0;
  if (!claimGeneration(dir, generation, self)) {
    throw new Error(
      `spool directory ${dir} is being replayed by another process: give every process its own producerId`,
    );
  }
  renameSync(dir, join(root, `${self.producerId}~${self.startedAt}`));
}

function tryMkdir(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
