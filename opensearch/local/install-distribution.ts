import { access, mkdir, readdir, rename, rm, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import extractZip from 'extract-zip';
import { LocalNodeError, asDiskFull } from './local-node-error.ts';

/** An extracted 3.x distribution takes ~210 MB; a node's data and logs need room beyond that. */
const REQUIRED_FREE_BYTES = 1024 ** 3;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Refuses to go on when the disk that holds `path` has less than 1 GiB free. */
export async function ensureFreeSpace(path: string, required = REQUIRED_FREE_BYTES): Promise<void> {
  await mkdir(path, { recursive: true }).catch((error: unknown) => {
    throw asDiskFull(error, path);
  });
  const fs = await statfs(path);
  const free = fs.bavail * fs.bsize;
  if (free < required) {
    throw new LocalNodeError(
      'DISK_FULL',
      `disk full: ${(free / 1e6).toFixed(0)} MB free at ${path}, the local node needs ${(required / 1e6).toFixed(0)} MB; free some space or set SYNCLOG_HOME elsewhere`,
    );
  }
}

/**
 * Extracts the distribution once; later starts reuse it. Extraction goes to a private directory
 * that is renamed into place, so concurrent starts never see a half-extracted node.
 */
export async function installDistribution(
  zipPath: string,
  target: string,
  log: (line: string) => void,
): Promise<boolean> {
  const marker = join(target, 'bin', 'opensearch');
  if (await exists(marker)) return false;
  await ensureFreeSpace(dirname(target));
  const staging = `${target}.${process.pid}.extracting`;
  await rm(staging, { recursive: true, force: true });
  log(`extracting ${zipPath}`);
  try {
    await extractZip(zipPath, { dir: staging });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const reason = asDiskFull(error, target);
    if (reason !== error) throw reason;
    throw new LocalNodeError('ARTIFACT_UNAVAILABLE', `cannot extract ${zipPath}: ${(error as Error).message}`);
  }
  const [top] = await readdir(staging);
  if (!top || !(await exists(join(staging, top, 'bin', 'opensearch')))) {
    await rm(staging, { recursive: true, force: true });
    throw new LocalNodeError(
      'ARTIFACT_UNAVAILABLE',
      `${zipPath} is not an OpenSearch distribution (no bin/opensearch)`,
    );
  }
  try {
    await rename(join(staging, top), target);
  } catch (error) {
    if (!(await exists(marker))) throw asDiskFull(error, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return true;
}
