import { execFileSync } from 'node:child_process';

/** True when util-linux `taskset` runs here. */
export function tasksetAvailable(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The CPU list `pid` may run on now, e.g. `0,1` or `0-3`. */
export function affinityOf(pid: number): string {
  const answer = execFileSync('taskset', ['-cp', String(pid)], { encoding: 'utf8' });
  const list = /list:\s*(\S+)/.exec(answer)?.[1];
  if (!list) throw new Error(`cannot read the affinity of ${pid}: ${answer.trim()}`);
  return list;
}

/**
 * Sets the CPU list of every thread of `pid`. `-a` matters for Java: without it only the main
 * thread moves, and the JVM's indexing, GC and HTTP threads stay where they were.
 */
export function setAffinity(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' });
}

/** The prefix that starts a child on `cpus` only. */
export const onCpus = (cpus: string): readonly string[] => ['taskset', '-c', cpus];
