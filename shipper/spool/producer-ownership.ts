import { randomBytes } from 'node:crypto';
import { linkSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Who holds a producer directory. Ownership files are tiny and touched only at start-up, when
 * scanning for orphans and at close, so they use synchronous I/O: no interleaving to reason about.
 */
export interface Owner {
  readonly producerId: string;
  readonly pid: number;
  readonly hostname: string;
  /** When the spool started (the injected clock): orders replay across producers. */
  readonly startedAt: number;
  /** Tells this process from an earlier one with the same pid (a restarted container is pid 1 again). */
  readonly processStartedAt?: number;
  /** The holder let go (closed): free to claim although its pid still runs. */
  readonly released?: boolean;
}

/**
 * Generation 0 is `owner.json`, written by the producer; every claim or release adds the next
 * generation (`owner.1.json`, …) and the newest one holds the directory. Files are created with
 * link(2), which fails if the name exists: of two processes claiming the same orphan exactly one
 * wins, and a name, once used, never means another owner (no rename-over-rename races).
 */
export interface Ownership {
  readonly generation: number;
  /** The newest generation's owner; null when its file is unreadable (torn by a crash). */
  readonly current: Owner | null;
  /** Generation 0's owner, the producer that wrote the segments; null when gone or unreadable. */
  readonly original: Owner | null;
}

const OWNER_FILE = /^owner(?:\.(\d+))?\.json$/;
const STRAY_CLAIM = /^\.owner-.*\.tmp$/;
const PROCESS_STARTED_AT = Math.floor(performance.timeOrigin);

export const ownerFileName = (generation: number) => (generation === 0 ? 'owner.json' : `owner.${generation}.json`);

export function ownerForThisProcess(producerId: string, startedAt: number): Owner {
  return { producerId, pid: process.pid, hostname: hostname(), startedAt, processStartedAt: PROCESS_STARTED_AT };
}

/** The directory's ownership, or null when it has no owner file (or is gone). */
export function readOwnership(dir: string): Ownership | null {
  const generations = ownerGenerations(dir);
  const newest = generations.at(-1);
  if (newest === undefined) return null;
  return {
    generation: newest,
    current: readOwner(join(dir, ownerFileName(newest))),
    original: generations[0] === 0 ? readOwner(join(dir, 'owner.json')) : null,
  };
}

/**
 * Alive unless it released the directory or its pid is gone from this host. An owner on another
 * host cannot be checked, so it counts as alive: a spool on a shared volume is never taken over.
 */
export function isOwnerAlive(owner: Owner | null): boolean {
  if (owner === null || owner.released) return false;
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid)
    return owner.processStartedAt === undefined || owner.processStartedAt === PROCESS_STARTED_AT;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid runs under another user, so it is alive.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export const isSameOwner = (a: Owner | null, b: Owner) =>
  a !== null &&
  a.pid === b.pid &&
  a.hostname === b.hostname &&
  a.startedAt === b.startedAt &&
  a.producerId === b.producerId &&
  !a.released;

/** Writes `generation` for `owner`; false when that generation exists already (someone else won) or the directory is gone. */
export function claimGeneration(dir: string, generation: number, owner: Owner): boolean {
  const temporary = join(dir, `.owner-${process.pid}-${randomBytes(6).toString('hex')}.tmp`); // matches STRAY_CLAIM
  try {
    writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
    linkSync(temporary, join(dir, ownerFileName(generation)));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    throw error;
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created, or the directory is gone.
    }
  }
}

/**
 * Removes the ownership files, oldest first (so the newest owner stays visible to a concurrent
 * scan), and claim files a crash left behind, then the directory if that leaves it empty.
 */
export function removeProducerDir(dir: string): void {
  for (const generation of ownerGenerations(dir)) unlinkQuietly(join(dir, ownerFileName(generation)));
  for (const name of listNames(dir)) if (STRAY_CLAIM.test(name)) unlinkQuietly(join(dir, name));
  try {
    rmdirSync(dir);
  } catch (error) {
    // ENOTEMPTY: something we do not own is in it; leave it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}

function ownerGenerations(dir: string): number[] {
  return listNames(dir)
    .map((name) => OWNER_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1] ?? 0))
    .sort((a, b) => a - b);
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function readOwner(file: string): Owner | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner> | null;
    const valid =
      typeof value?.pid === 'number' && typeof value.hostname === 'string' && typeof value.startedAt === 'number';
    return valid ? (value as Owner) : null;
  } catch {
    return null;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
