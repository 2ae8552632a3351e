import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkpointId, type Checkpoint } from '../../opensearch/integrity/checkpoint.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { runSynclog } from '../../test/run-synclog.ts';
import { signedChain, testKey, type ChainedRecord } from '../../test/signed-chain.ts';
import { writeRecords } from '../../test/write-records.ts';

const client = testClient();
const prefix = uniquePrefix('cli-verify');
const names = indexNames(prefix);
const key = testKey();
const monthIndex = (record: ChainedRecord) => names.logIndexFor(record['@timestamp'], 'month');
let dir: string;
let keyFile: string;

/** Runs `synclog` as a user would, with a clean environment plus `env`; resolves once it exits. */
const synclog = (args: string[]) =>
  runSynclog(['verify', ...args], { OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix });

async function writeCheckpoints(checkpoints: readonly Checkpoint[]) {
  const body = checkpoints.flatMap((c) => [{ create: { _index: names.checkpoints, _id: checkpointId(c) } }, c]);
  await client.bulk({ body: body as never, refresh: true });
}

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  dir = await mkdtemp(join(tmpdir(), 'synclog-verify-cli-'));
  keyFile = join(dir, 'signing-key.pub.pem');
  await writeFile(keyFile, key.publicPem);
  // crm-sync-1: closed, seq 2 deleted. killed-1: no final checkpoint, 3 records after seq 9.
  const gap = signedChain({ producerId: 'crm-sync-1', key, count: 5, every: 10, final: true, index: monthIndex });
  const killed = signedChain({ producerId: 'killed-1', key, count: 13, every: 10, final: false, index: monthIndex });
  // tail-1: closed at seq 7; its last record and final checkpoint are gone from the cluster, kept beside the spool.
  const tail = signedChain({ producerId: 'tail-1', key, count: 8, every: 5, final: true, index: monthIndex });
  await writeRecords(client, names, 'month', [
    ...gap.records.filter((r) => r.producer_seq !== 2),
    ...killed.records,
    ...tail.records.slice(0, -1),
  ]);
  await writeCheckpoints([...gap.checkpoints, ...killed.checkpoints, ...tail.checkpoints.slice(0, -1)]);
  await mkdir(join(dir, 'spool', 'checkpoints'), { recursive: true });
  await writeFile(
    join(dir, 'spool', 'checkpoints', 'tail-1.jsonl'),
    tail.checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''),
  );
});
afterAll(async () => {
  await dropPrefix(client, prefix);
  await client.close();
  await rm(dir, { recursive: true, force: true });
});

describe('synclog verify', () => {
  it('names each finding with its kind, producer and seqs, and exits with 1', async () => {
    const run = await synclog(['--public-key', keyFile, '--producer', 'crm-sync-1']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.lines[0]).toBe(`OpenSearch: ${inject('opensearchUrl')}`);
    expect(run.lines).toContain('crm-sync-1  checked: all  4 records  2 checkpoints, final at seq 4  FINDINGS');
    expect(run.lines).toContain('  missing crm-sync-1 seq 2: inside');
    expect(run.lines.at(-1)).toBe('verify: 1 producer, 4 records: 1 missing');
  });

  it('reports the tail of a killed producer as unverifiable and exits with 0', async () => {
    const run = await synclog(['--public-key', keyFile, '--producer', 'killed-*']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toContain(
      'killed-1  checked: all  13 records  2 checkpoints, last at seq 9, no final  ok up to seq 9',
    );
    expect(run.lines).toContain(
      '  unverifiable after seq 9: killed-1 3 records after its last checkpoint; no final checkpoint (killed, or still running)',
    );
    expect(run.lines.at(-1)).toBe('verify: 1 producer, 13 records: no findings; 3 unverifiable');
  });

  it('finds the deleted tail with the checkpoints kept beside the spool', async () => {
    const blind = await synclog(['--public-key', keyFile, '--producer', 'tail-1']);
    expect(blind.code, blind.stderr).toBe(0);
    const run = await synclog(['--public-key', keyFile, '--producer', 'tail-1', '--checkpoints', join(dir, 'spool')]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.lines).toContain('  missing tail-1 seq 7: at the tail');
    expect(run.lines).toContain('  note: 1 checkpoint(s) only in the files, not in the cluster (the latest at seq 7)');
  });

  it('takes the public key the producer wrote beside its spool when none is given, and says so', async () => {
    const besideSpool = join(dir, 'spool', 'checkpoints', 'signing-key.pub.pem');
    await writeFile(besideSpool, key.publicPem);
    try {
      const run = await synclog(['--producer', 'tail-1', '--checkpoints', join(dir, 'spool')]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.lines).toContain(
        `public key: ${besideSpool} (beside the spool; pass --public-key to use the auditor's own copy)`,
      );
      expect(run.lines).toContain('  missing tail-1 seq 7: at the tail');
    } finally {
      await rm(besideSpool);
    }
  });

  it('prints only the JSON report on stdout with --json', async () => {
    const run = await synclog(['--json', '--public-key', keyFile, '--producer', 'crm-sync-*']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.lines.join('\n'));
    expect(report.lineages[0].producers[0]).toMatchObject({
      producerId: 'crm-sync-1',
      findings: [{ kind: 'missing', from: 2, to: 2, count: 1, detail: 'inside' }],
    });
    expect(report.clean).toBe(false);
  });

  it('refuses to run without a public key, naming the option', async () => {
    const run = await synclog([]);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual(['']);
    expect(run.stderr).toMatch(/^synclog: Invalid configuration: --public-key: required/);
  });

  it('refuses a key file it cannot read, naming the option and the file', async () => {
    const run = await synclog(['--public-key', join(dir, 'absent.pem')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`--public-key: ${join(dir, 'absent.pem')}: ENOENT`);
  });

  it('refuses a bad --from before connecting, naming the option', async () => {
    const run = await synclog(['--public-key', keyFile, '--from', 'yesterday']);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual(['']);
    expect(run.stderr).toMatch(/^synclog: Invalid configuration: --from: expected an ISO 8601 date/);
  });
});
