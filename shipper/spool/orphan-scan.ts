import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { claimGeneration, isOwnerAlive, isSameOwner, readOwnership, type Owner } from './producer-ownership.ts';
import { completePairs, listSegments, segmentFileName } from './segment-file.ts';
import { addSegment, type SpoolSource } from './spool-source.ts';

export interface OrphanScanDeps {
  /** The spool root; every subdirectory is a producer. */
  readonly root: string;
  /** This spool's own directory name, never scanned. */
  readonly ownDirName: string;
  readonly self: Owner;
  /** Directories this spool already replays from. */
  readonly isKnown: (dir: string) => boolean;
  readonly onError: (error: unknown) => void;
}

/**
 * Claims every producer directory whose owner is gone (and any this spool set aside at start-up)
 * and counts the records of its segments. A directory with a live owner is not touched, and one
 * with neither owner nor segments may be a producer being created, so it is left alone too.
 * Never throws: a directory that cannot be read is reported and skipped.
 */
export async function claimOrphans(deps: OrphanScanDeps): Promise<SpoolSource[]> {
  let entries;
  try {
    entries = await readdir(deps.root, { withFileTypes: true });
  } catch (error) {
    deps.onError(error);
    return [];
  }
  const claimed: SpoolSource[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === deps.ownDirName) continue;
    const dir = join(deps.root, entry.name);
    if (deps.isKnown(dir)) continue;
    try {
      const source = await claimOrphan(deps, dir, entry.name);
      if (source) claimed.push(source);
    } catch (error) {
      deps.onError(error);
    }
  }
  return claimed;
}

async function claimOrphan(deps: OrphanScanDeps, dir: string, name: string): Promise<SpoolSource | null> {
  const ownership = readOwnership(dir);
  const mine = isSameOwner(ownership?.current ?? null, deps.self);
  if (!mine && ownership && isOwnerAlive(ownership.current)) return null;

  const segments = await listSegments(dir);
  if (!ownership && segments.length === 0) return null;
  let generation = ownership?.generation ?? 0;
  if (!mine) {
    generation = ownership ? ownership.generation + 1 : 0;
    if (!claimGeneration(dir, generation, deps.self)) return null;
  }

  const source: SpoolSource = {
    producerId: name.split('~')[0] ?? name,
    dir,
    startedAt: ownership?.original?.startedAt ?? 0,
    own: false,
    generation,
    segments: new Map(),
  };
  for (const segment of segments) {
    try {
      // Read in full once to count the records, so that depth() is exact from the start.
      const data = await readFile(join(dir, segmentFileName(segment)));
      const entry = addSegment(source, segment, true);
      entry.bytes = data.length;
      entry.records = completePairs(data).records;
    } catch (error) {
      // Left on disk for a later process; this one carries on with the rest.
      deps.onError(error);
    }
  }
  return source;
}
