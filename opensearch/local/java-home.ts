import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalNodeError } from './local-node-error.ts';

const run = promisify(execFile);

export interface JavaHome {
  readonly home: string;
  readonly major: number;
  readonly version: string;
}

export interface JavaCandidateReport {
  readonly home: string;
  readonly source: string;
  readonly result: string;
}

/** The Java major version OpenSearch needs: 21 from 3.0 on, 11 before. */
export function requiredJavaMajor(opensearchVersion: string): number {
  return Number(opensearchVersion.split('.')[0]) >= 3 ? 21 : 11;
}

/** Reads `1.8.0_402`, `17.0.15`, `25` or `21-ea` from `java -version` output. */
export function parseJavaVersion(output: string): { version: string; major: number } | null {
  const match = /version "([^"]+)"/.exec(output);
  if (!match?.[1]) return null;
  const version = match[1];
  const parts = version.split(/[.\-+_]/).map(Number);
  const major = parts[0] === 1 ? parts[1] : parts[0];
  return major !== undefined && Number.isFinite(major) ? { version, major } : null;
}

async function probe(home: string): Promise<{ version: string; major: number } | string> {
  try {
    const { stderr, stdout } = await run(join(home, 'bin', 'java'), ['-version'], { timeout: 20_000 });
    return parseJavaVersion(stderr + stdout) ?? 'unreadable version';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no bin/java' : 'java -version failed';
  }
}

async function jvmDirectories(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => join(root, e.name))
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

/**
 * Finds a JDK new enough for OpenSearch: `OPENSEARCH_JAVA_HOME`, then `JAVA_HOME`, then every
 * directory under `/usr/lib/jvm` (newest first). A candidate that is too old is skipped.
 */
export async function findJavaHome(
  minMajor: number,
  env: Record<string, string | undefined> = process.env,
  jvmRoot = '/usr/lib/jvm',
): Promise<JavaHome> {
  const candidates: Array<[string, string]> = [];
  if (env.OPENSEARCH_JAVA_HOME) candidates.push([env.OPENSEARCH_JAVA_HOME, 'OPENSEARCH_JAVA_HOME']);
  if (env.JAVA_HOME) candidates.push([env.JAVA_HOME, 'JAVA_HOME']);
  for (const dir of await jvmDirectories(jvmRoot)) candidates.push([dir, jvmRoot]);

  const reports: JavaCandidateReport[] = [];
  const probed: Array<JavaHome> = [];
  for (const [home, source] of candidates) {
    const result = await probe(home);
    if (typeof result === 'string') {
      reports.push({ home, source, result });
    } else if (result.major < minMajor) {
      reports.push({ home, source, result: `Java ${result.major}, too old` });
    } else {
      probed.push({ home, ...result });
      // Explicit settings win; among /usr/lib/jvm entries the newest wins.
      if (source !== jvmRoot) return { home, ...result };
    }
  }
  const newest = probed.sort((a, b) => b.major - a.major)[0];
  if (newest) return newest;
  const seen = reports.length ? reports.map((r) => `${r.home} (${r.result})`).join(', ') : 'none';
  throw new LocalNodeError(
    'NO_JDK',
    `OpenSearch needs Java ${minMajor} or newer and none was found (checked: ${seen}). ` +
      `Install a JDK ${minMajor}+ (for example Temurin 21 or 25) and set OPENSEARCH_JAVA_HOME to its directory.`,
  );
}
