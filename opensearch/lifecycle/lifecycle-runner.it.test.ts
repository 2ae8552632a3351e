import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { createLogIndexEnsurer } from '../log-indices/ensure-log-index.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { periodOf } from '../record/index-period.ts';
import { runSetup } from '../setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../setup/setup-config.ts';
import { ensureArchiveRepository } from '../setup/ensure-repository.ts';
import winston from 'winston';
import { OpenSearchTransport } from '../../shipper/transport/opensearch-transport.ts';
import { passThroughFormat } from '../../shipper/transport/pass-through-format.ts';
import { holdIndex, holdRange, releaseHold } from './legal-hold.ts';
import { retentionStatus } from './retention-status.ts';
import { verifyRetention } from './verify-retention.ts';
import { runLifecyclePass } from './lifecycle-runner.ts';

const client = testClient();
const prefix = uniquePrefix('life');
let config: SetupConfig;
const DAY = 86_400_000;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
});
afterAll(async () => {
  const repository = config.archive.name;
  const { body } = await client.snapshot
    .get({ repository, snapshot: '_all' } as never)
    .catch(() => ({ body: { snapshots: [] } }));
  for (const s of (body as unknown as { snapshots: Array<{ snapshot: string }> }).snapshots)
    await client.snapshot.delete({ repository, snapshot: s.snapshot }).catch(() => {});
  await dropPrefix(client, prefix);
});

/** A back-dated log index for `month` holding `count` generated records of that month. */
async function monthIndex(month: string, count: number): Promise<string> {
  const period = periodOf(`${month}-15T00:00:00Z`, 'month');
  const index = await createLogIndexEnsurer(client, config.names).ensure(period);
  const records = generateRecords({ seed: 9, count, from: period.start, to: new Date(period.end.getTime() - 1) });
  const body = records.flatMap((record) => [{ create: { _index: index, _id: record.event_id } }, record]);
  const { body: result } = await client.bulk({ body, refresh: true } as never);
  expect((result as unknown as { errors: boolean }).errors).toBe(false);
  return index;
}

const pass = (now: Date) =>
  runLifecyclePass({ client, names: config.names, policy: config.lifecycle, now: () => now, by: 'test' });
const exists = async (index: string) => (await client.indices.exists({ index })).body as unknown as boolean;
async function logOf(index: string) {
  await client.indices.refresh({ index: config.names.retentionLog });
  const { body } = await client.search({
    index: config.names.retentionLog,
    body: { size: 100, sort: [{ at: 'asc' }], query: { term: { index } } },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: Record<string, unknown> }> } }).hits.hits.map(
    (h) => h._source,
  );
}

describe('the built-in lifecycle runner on a real node (ages from an injected clock)', () => {
  it(
    'walks an index hot → cold → archived → deleted, held and snapshot-less indices survive, and the archive restores every document',
    { timeout: 120_000 },
    async () => {
      const index = await monthIndex('2024-01', 60);
      const end = Date.parse('2024-02-01T00:00:00Z');
      const after = (days: number) => new Date(end + days * DAY);

      expect(await pass(after(89))).toEqual([
        { index, action: 'none', outcome: 'waiting', detail: `cold from ${after(90).toISOString()}` },
      ]);

      // Cold and archived in one pass: read-only, one segment, no replicas, lowest priority, a verified snapshot.
      expect((await pass(after(91))).map((o) => `${o.action} ${o.outcome}`)).toEqual(['cold done', 'archive done']);
      const { body: settings } = await client.indices.getSettings({ index, flat_settings: true } as never);
      expect(
        (settings as unknown as Record<string, { settings: Record<string, string> }>)[index]!.settings,
      ).toMatchObject({
        'index.blocks.write': 'true',
        'index.number_of_replicas': '0',
        'index.priority': '0',
      });
      const { body: segments } = await client.cat.segments({ index, format: 'json' } as never);
      expect((segments as unknown as unknown[]).length).toBe(1);
      await expect(client.index({ index, body: { message: 'late' } })).rejects.toThrow(/blocked/);

      expect(await pass(after(729))).toEqual([
        { index, action: 'none', outcome: 'waiting', detail: `delete from ${after(730).toISOString()}` },
      ]);

      // Held: survives its delete date.
      await holdIndex(client, config.names, { index, reason: 'audit 2026-17', by: 'legal', at: after(700) });
      expect(await pass(after(731))).toEqual([
        { index, action: 'blocked', outcome: 'blocked', detail: 'on legal hold' },
      ]);
      expect(await exists(index)).toBe(true);
      expect(await releaseHold(client, config.names, index)).toBe(true);

      // The archive is gone and the repository with it: the snapshot cannot be taken again, so no deletion.
      const [archived] = (await logOf(index)).filter((r) => r.step === 'archived' && r.outcome === 'done');
      await client.snapshot.delete({ repository: config.archive.name, snapshot: archived!.snapshot as string });
      await client.snapshot.deleteRepository({ repository: config.archive.name });
      const blocked = await pass(after(732));
      expect(blocked).toEqual([
        { index, action: 'archive', outcome: 'failed', detail: expect.stringMatching(/repository_missing_exception/) },
      ]);
      expect(await exists(index)).toBe(true);
      const [row] = await retentionStatus(client, config.names, config.lifecycle, after(732));
      expect(row).toMatchObject({
        index,
        state: 'cold',
        archive: expect.stringMatching(/\(MISSING\)$/),
        next: 'archive due now',
        error: expect.stringMatching(/^archived failed at .*repository_missing_exception/),
      });

      // Repository back: archived again, then deleted, with its proof.
      await ensureArchiveRepository(client, config.archive);
      expect((await pass(after(733))).map((o) => `${o.action} ${o.outcome}`)).toEqual(['archive done', 'delete done']);
      expect(await exists(index)).toBe(false);
      const proof = (await logOf(index)).find((r) => r.step === 'deleted' && r.outcome === 'done');
      expect(proof).toMatchObject({
        doc_count: 60,
        by: 'test',
        repository: config.archive.name,
        period_start: '2024-01-01T00:00:00.000Z',
        period_end: '2024-02-01T00:00:00.000Z',
        snapshot: expect.stringMatching(new RegExp(`^${index}\\.archive\\.`)),
      });

      // Restore under a distinct name, outside the read alias.
      const restored = `${prefix}-restored-2024.01`;
      await client.snapshot.restore({
        repository: config.archive.name,
        snapshot: proof!.snapshot as string,
        wait_for_completion: true,
        body: { indices: index, rename_pattern: '.+', rename_replacement: restored, include_aliases: false },
      } as never);
      await client.indices.refresh({ index: restored });
      expect((await client.count({ index: restored })).body.count).toBe(60);
      const { body: aliases } = await client.indices.getAlias({ index: restored } as never);
      expect((aliases as unknown as Record<string, { aliases: object }>)[restored]!.aliases).toEqual({});

      // The archive has its own retention (1825 days by default), and a hold on the time range keeps it.
      const rangeHold = await holdRange(client, config.names, {
        from: new Date('2024-01-31T00:00:00Z'),
        to: new Date('2024-02-02T00:00:00Z'),
        reason: 'litigation',
        by: 'legal',
        at: after(1_800),
      });
      expect((await pass(after(1_825))).filter((o) => o.index === index)).toEqual([
        { index, action: 'blocked', outcome: 'blocked', detail: `archive ${proof!.snapshot} is on legal hold` },
      ]);
      await releaseHold(client, config.names, rangeHold);
      expect((await pass(after(1_825))).filter((o) => o.index === index)).toEqual([
        { index, action: 'delete-archive', outcome: 'done', detail: proof!.snapshot },
      ]);
      await expect(
        client.snapshot.get({ repository: config.archive.name, snapshot: proof!.snapshot as string } as never),
      ).rejects.toThrow(/snapshot_missing/);
      expect((await logOf(index)).filter((r) => r.step === 'snapshot-deleted')).toEqual([
        expect.objectContaining({ outcome: 'done', snapshot: proof!.snapshot, by: 'test' }),
      ]);
      expect((await pass(after(1_900))).filter((o) => o.index === index)).toEqual([]);
    },
  );

  it('finishes a deletion whose proof was not written before the runner was killed', async () => {
    const index = await monthIndex('2023-06', 5);
    // Killed between deleting the index and writing its proof: the intent is in the log, the index is gone.
    await client.index({
      index: config.names.retentionLog,
      refresh: true,
      body: {
        index,
        step: 'deleting',
        outcome: 'done',
        at: '2025-08-01T00:00:00.000Z',
        by: 'killed-runner',
        doc_count: 5,
        snapshot: `${index}.archive.1`,
        repository: config.archive.name,
      },
    });
    await client.indices.delete({ index });
    await pass(new Date('2025-08-02T00:00:00Z'));
    const proof = (await logOf(index)).find((r) => r.step === 'deleted');
    expect(proof).toMatchObject({ outcome: 'done', doc_count: 5, snapshot: `${index}.archive.1` });
  });

  it(
    "puts back-filled records in their event-time index, which expires on the policy's dates, not the write date",
    { timeout: 60_000 },
    async () => {
      const transport = new OpenSearchTransport({ client, service: 'backfill', indexPrefix: prefix, spoolDir: false });
      const logger = winston.createLogger({ format: passThroughFormat(), transports: [transport] });
      // A month a year back: older than the hot phase, still inside the delete horizon.
      const now = new Date();
      const monthStart = Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1);
      const month = new Date(monthStart).toISOString().slice(0, 7);
      for (let day = 1; day <= 20; day++)
        logger.info('replayed from the 1C archive', {
          '@timestamp': `${month}-${String(day).padStart(2, '0')}T08:00:00Z`,
          operation_type: 'import_from_1c',
          status: 'success',
        });
      logger.info('logged today', { operation_type: 'export_to_1c', status: 'success' });
      expect(await transport.flush()).toMatchObject({ delivered: 21 });
      await transport.close();
      const backfilled = `${prefix}-logs-${month.replace('-', '.')}`;
      const { body } = await client.indices.getSettings({ index: backfilled, flat_settings: true } as never);
      // Created with its period's start as creation date: ISM's index age would count from there too.
      expect(
        (body as unknown as Record<string, { settings: Record<string, string> }>)[backfilled]!.settings[
          'index.creation_date'
        ],
      ).toBe(String(monthStart));

      const periodEnd = Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1);
      const outcomes = async (days: number) =>
        (await pass(new Date(periodEnd + days * DAY)))
          .filter((o) => o.index === backfilled)
          .map((o) => `${o.action} ${o.outcome}`);
      expect(await outcomes(89)).toEqual(['none waiting']);
      expect(await outcomes(729)).toEqual(['cold done', 'archive done']);
      expect(await outcomes(730)).toEqual(['delete done']);
      expect((await logOf(backfilled)).find((r) => r.step === 'deleted')).toMatchObject({ doc_count: 20 });
    },
  );

  it(
    'finishes correctly after a runner process is SIGKILLed at any point of a pass',
    { timeout: 120_000 },
    async () => {
      const PASS = fileURLToPath(new URL('./fixtures/lifecycle-pass.ts', import.meta.url));
      const now = '2026-06-01T00:00:00.000Z'; // every 2022 month is past cold, archive and delete
      const killedAfter: string[] = [];
      for (const [round, delayMs] of [
        [1, 20],
        [2, 150],
        [3, 450],
      ] as const) {
        const indices = [await monthIndex(`2022-0${round * 2 - 1}`, 400), await monthIndex(`2022-0${round * 2}`, 400)];
        const child = spawn(process.execPath, ['--import', 'tsx', PASS, inject('opensearchUrl'), prefix, now], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const exited = once(child, 'exit');
        const [first] = await Promise.race([once(child.stdout!, 'data'), exited.then(() => ['exited'])]);
        expect(String(first)).toContain('started');
        const started = Date.now();
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        const finishedFirst = child.exitCode !== null;
        child.kill('SIGKILL');
        await exited;
        killedAfter.push(finishedFirst ? `finished within ${delayMs} ms` : `killed at ${Date.now() - started} ms`);
        // A snapshot the dead runner started may still go on inside OpenSearch: the next pass waits for it.
        const outcomes = await pass(new Date(now));
        for (const index of indices) {
          expect(await exists(index), JSON.stringify(outcomes.filter((o) => o.index === index))).toBe(false);
          const proofs = (await logOf(index)).filter((r) => r.step === 'deleted' && r.outcome === 'done');
          expect(proofs).toHaveLength(1);
          expect(proofs[0]).toMatchObject({ doc_count: 400, repository: config.archive.name });
        }
      }
      const check = await verifyRetention(client, config.names, config.lifecycle, new Date(now));
      expect(check.problems.filter((p) => p.index.includes('2022'))).toEqual([]);
      console.log(
        `lifecycle kill test: ${killedAfter.join(', ')}; every index then deleted once, with its proof and archive`,
      );
    },
  );

  it('does nothing where setup recorded ISM as the retention executor', async () => {
    const index = await monthIndex('2021-01', 2);
    const { body } = await client.get({ index: config.names.meta, id: 'setup' });
    const metadata = (body as unknown as { _source: { executors: Record<string, string> } })._source;
    await client.index({
      index: config.names.meta,
      id: 'setup',
      refresh: true,
      body: { ...metadata, executors: { ...metadata.executors, retention: 'ism' } },
    });
    try {
      expect(await pass(new Date('2026-06-01T00:00:00Z'))).toEqual([]);
      expect(await exists(index)).toBe(true);
      expect(await logOf(index)).toEqual([]);
    } finally {
      await client.index({ index: config.names.meta, id: 'setup', refresh: true, body: metadata });
    }
  });
});
