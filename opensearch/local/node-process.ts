import { readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * True when `pid` is a live OpenSearch process (not merely a reused pid): the Java process, or
 * the start script before it has exec'd Java.
 */
export async function isOpenSearchProcess(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by someone else; only /proc can tell what it is.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('org.opensearch.bootstrap.OpenSearch') || cmdline.includes('/bin/opensearch\0');
  } catch {
    return false;
  }
}

/** True while `pid` exists and is not a zombie (used while the start script has not yet become Java). */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    return false;
  }
}

export async function readPid(pidFile: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export const writePid = (pidFile: string, pid: number) => writeFile(pidFile, `${pid}\n`);
export const removePid = (pidFile: string) => rm(pidFile, { force: true });

/** Asks a node to stop (SIGTERM), and kills it when it has not stopped within `graceMs`. */
export async function stopProcess(pid: number, graceMs = 60_000): Promise<'stopped' | 'killed' | 'not-running'> {
  if (!(await isOpenSearchProcess(pid))) return 'not-running';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!(await isOpenSearchProcess(pid))) return 'stopped';
    await sleep(200);
  }
  process.kill(pid, 'SIGKILL');
  while (await isOpenSearchProcess(pid)) await sleep(100);
  return 'killed';
}

/** The last `count` lines of a file, or an empty string when it does not exist. */
export async function tail(path: string, count: number): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '';
  }
}
