import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obtainDistribution } from './distribution-artifact.ts';
import { ensureFreeSpace } from './install-distribution.ts';
import { LocalNodeError } from './local-node-error.ts';

const payload = Buffer.from('not really a zip, but bytes with a checksum');
const sha512 = createHash('sha512').update(payload).digest('hex');
let served = { sha512: `${sha512}  opensearch-9.9.9.zip\n` as string | null, sha1: null as string | null };
let server: Server;
let repository: string;

beforeAll(async () => {
  // A loopback stand-in for a Maven repository: the same paths, the zip and its checksum files.
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url.endsWith('.zip')) return res.end(payload);
    if (url.endsWith('.zip.sha512') && served.sha512) return res.end(served.sha512);
    if (url.endsWith('.zip.sha1') && served.sha1) return res.end(served.sha1);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  repository = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/maven2`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fresh = () => mkdtemp(join(tmpdir(), 'synclog-artifact-'));

describe('obtaining the OpenSearch distribution', () => {
  it('downloads over HTTPS-style repository paths when mvn is absent and verifies the published SHA-512', async () => {
    served = { sha512: `${sha512}  opensearch-9.9.9.zip\n`, sha1: null };
    const dir = await fresh();
    const zip = await obtainDistribution({
      version: '9.9.9',
      cacheDir: dir,
      mvn: null,
      mavenRepository: repository,
      log: () => {},
    });
    expect(zip).toBe(join(dir, 'opensearch-9.9.9.zip'));
    expect(await readFile(zip)).toEqual(payload);
  });

  it('discards a download whose checksum does not match', async () => {
    served = { sha512: null, sha1: `${'0'.repeat(40)}\n` };
    const dir = await fresh();
    const attempt = obtainDistribution({
      version: '9.9.9',
      cacheDir: dir,
      mvn: null,
      mavenRepository: repository,
      log: () => {},
    });
    await expect(attempt).rejects.toThrow(/sha1 is [0-9a-f]{40}, expected 0{40}; the download was discarded/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says the artifact is not obtainable when the repository cannot be reached', async () => {
    const attempt = obtainDistribution({
      version: '9.9.9',
      cacheDir: await fresh(),
      mvn: null,
      mavenRepository: 'http://127.0.0.1:9/maven2',
      log: () => {},
    });
    await expect(attempt).rejects.toMatchObject({ code: 'ARTIFACT_UNAVAILABLE' });
    await expect(attempt).rejects.toThrow(/cannot download .*SYNCLOG_OPENSEARCH_ZIP/);
  });

  it('says the artifact is not obtainable when Maven cannot resolve the version', async () => {
    const attempt = obtainDistribution({ version: '0.0.1', cacheDir: await fresh(), log: () => {} });
    await expect(attempt).rejects.toMatchObject({ code: 'ARTIFACT_UNAVAILABLE' });
    await expect(attempt).rejects.toThrow(
      /Maven could not fetch org\.opensearch\.distribution\.integ-test-zip:opensearch:0\.0\.1:zip/,
    );
  });

  it('uses a given local zip without fetching anything, and refuses a missing one', async () => {
    const dir = await fresh();
    const local = join(dir, 'mine.zip');
    await writeFile(local, payload);
    expect(
      await obtainDistribution({ version: '9.9.9', cacheDir: dir, zipPath: local, mvn: null, log: () => {} }),
    ).toBe(local);
    await expect(
      obtainDistribution({
        version: '9.9.9',
        cacheDir: dir,
        zipPath: join(dir, 'absent.zip'),
        mvn: null,
        log: () => {},
      }),
    ).rejects.toThrow(/SYNCLOG_OPENSEARCH_ZIP points to .*absent\.zip, which does not exist/);
  });

  it('refuses to extract onto a disk without room, saying how much is free', async () => {
    const attempt = ensureFreeSpace(await fresh(), Number.MAX_SAFE_INTEGER);
    await expect(attempt).rejects.toBeInstanceOf(LocalNodeError);
    await expect(attempt).rejects.toThrow(/disk full: \d+ MB free at .*set SYNCLOG_HOME elsewhere/);
  });
});
