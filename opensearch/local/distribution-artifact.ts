import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { LocalNodeError, asDiskFull } from './local-node-error.ts';

const run = promisify(execFile);

const GROUP_PATH = 'org/opensearch/distribution/integ-test-zip/opensearch';
const COORDINATES = (version: string) => `org.opensearch.distribution.integ-test-zip:opensearch:${version}:zip`;
/** Maven Central, used only when `mvn` is not installed. */
export const DEFAULT_MAVEN_REPOSITORY = 'https://repo1.maven.org/maven2';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export interface ArtifactOptions {
  readonly version: string;
  /** Directory where the zip is kept between starts. */
  readonly cacheDir: string;
  /** A zip the user already has (offline use); nothing is downloaded. */
  readonly zipPath?: string | undefined;
  readonly mavenRepository?: string | undefined;
  readonly log: (line: string) => void;
  /** Override for tests: which `mvn` to run; `null` means "not installed". */
  readonly mvn?: string | null;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function hasMaven(mvn: string): Promise<boolean> {
  try {
    await run(mvn, ['--version'], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The OpenSearch distribution zip: a given path, the cached copy, or fetched with Maven (so the
 * user's mirrors and proxies apply), or over HTTPS from Maven Central with its checksum verified.
 */
export async function obtainDistribution(options: ArtifactOptions): Promise<string> {
  const { version, cacheDir, log } = options;
  if (options.zipPath) {
    if (!(await exists(options.zipPath))) {
      throw new LocalNodeError(
        'ARTIFACT_UNAVAILABLE',
        `SYNCLOG_OPENSEARCH_ZIP points to ${options.zipPath}, which does not exist`,
      );
    }
    return options.zipPath;
  }
  const target = join(cacheDir, `opensearch-${version}.zip`);
  if (await exists(target)) return target;
  try {
    await mkdir(cacheDir, { recursive: true });
  } catch (error) {
    throw asDiskFull(error, cacheDir);
  }

  const mvn = options.mvn === undefined ? 'mvn' : options.mvn;
  if (mvn !== null && (await hasMaven(mvn))) {
    log(`fetching ${COORDINATES(version)} with Maven`);
    try {
      await run(
        mvn,
        [
          '-q',
          '-B',
          `${DEPENDENCY_PLUGIN}:copy`,
          `-Dartifact=${COORDINATES(version)}`,
          `-DoutputDirectory=${cacheDir}`,
        ],
        {
          timeout: 15 * 60_000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      if (await exists(target)) return target;
    } catch (error) {
      const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
      throw new LocalNodeError(
        'ARTIFACT_UNAVAILABLE',
        `Maven could not fetch ${COORDINATES(version)}: ${lastLines(output, 8) || String(error)}\n` +
          'Check the version (SYNCLOG_OPENSEARCH_VERSION) and your Maven settings, or give a local zip with SYNCLOG_OPENSEARCH_ZIP.',
      );
    }
  }
  return download(options, target);
}

async function download(options: ArtifactOptions, target: string): Promise<string> {
  const base = (options.mavenRepository ?? DEFAULT_MAVEN_REPOSITORY).replace(/\/$/, '');
  const url = `${base}/${GROUP_PATH}/${options.version}/opensearch-${options.version}.zip`;
  options.log(`mvn not found; downloading ${url}`);
  const expected = await publishedChecksum(url);
  const partial = `${target}.${process.pid}.part`;
  const sha = createHash(expected.algorithm);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw unavailable(url, String((error as Error).cause ?? error));
  }
  if (!response.ok || !response.body) throw unavailable(url, `HTTP ${response.status}`);
  try {
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sha.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(response.body as never), hashing, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw asDiskFull(error, partial);
  }
  const actual = sha.digest('hex');
  if (actual !== expected.value) {
    await rm(partial, { force: true });
    throw new LocalNodeError(
      'ARTIFACT_UNAVAILABLE',
      `${url}: ${expected.algorithm} is ${actual}, expected ${expected.value}; the download was discarded`,
    );
  }
  await rename(partial, target);
  options.log(`downloaded ${((await stat(target)).size / 1e6).toFixed(0)} MB, ${expected.algorithm} verified`);
  return target;
}

/** The published SHA-512, or SHA-1 where no SHA-512 is published. */
async function publishedChecksum(url: string): Promise<{ algorithm: 'sha512' | 'sha1'; value: string }> {
  for (const algorithm of ['sha512', 'sha1'] as const) {
    try {
      const response = await fetch(`${url}.${algorithm}`);
      if (!response.ok) continue;
      const value = (await response.text()).trim().split(/\s+/)[0]?.toLowerCase();
      if (value && /^[0-9a-f]+$/.test(value)) return { algorithm, value };
    } catch (error) {
      throw unavailable(url, String((error as Error).cause ?? error));
    }
  }
  throw unavailable(url, 'no published SHA-512 or SHA-1 checksum');
}

function unavailable(url: string, reason: string): LocalNodeError {
  return new LocalNodeError(
    'ARTIFACT_UNAVAILABLE',
    `cannot download ${url} (${reason}). Install Maven, fix network access, or give a local zip with SYNCLOG_OPENSEARCH_ZIP.`,
  );
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}
