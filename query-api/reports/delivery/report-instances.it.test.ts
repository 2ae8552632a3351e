import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../opensearch/local/ports.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../../test/opensearch.ts';
import { startSynclog } from '../../../test/run-synclog.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink-process.ts';
import { indexNames } from '../../../opensearch/record/index-names.ts';
import { currentLease } from '../../scheduler/lease.ts';
import { runRecords } from '../../scheduler/run-records.ts';
import { runIdOf } from '../../scheduler/scheduled-job.ts';
import { until } from '../../../test/until.ts';

const client = testClient();
const prefix = uniquePrefix('report-pair');
const runs = runRecords(client, indexNames(prefix).schedulerRuns);
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
  await dropPrefix(client, prefix);
});

async function succeeded(): Promise<string[]> {
  return (await runs.latest('report-daily', 1_000, 'succeeded')).map((r) =>
    runIdOf('report-daily', new Date(r.period)),
  );
}

describe('the daily report with two service instances against one cluster', () => {
  it(
    'is mailed exactly once per period, also when the leader stops and the other instance takes over',
    { timeout: 150_000 },
    async () => {
      const env = async (name: string) => ({
        OPENSEARCH_URL: inject('opensearchUrl'),
        SYNCLOG_INDEX_PREFIX: prefix,
        SYNCLOG_HOME: await mkdtemp(join(tmpdir(), `synclog-${name}-`)),
        PORT: String(await freePort()),
        SYNCLOG_SCHEDULER_LEASE_SECONDS: '6',
        // Every two seconds instead of daily at 07:00: each period is a send.
        SYNCLOG_SCHEDULE: JSON.stringify({ 'report-daily': { cron: '*/2 * * * * *' } }),
        SYNCLOG_SMTP_URL: sink.url,
        SYNCLOG_REPORTS: JSON.stringify({ daily: { to: ['pair@example.com'], attachment: 'csv' } }),
      });
      const a = startSynclog(['serve'], await env('a'));
      await a.lineMatching(/is serving on/);
      const b = startSynclog(['serve'], await env('b'));
      await b.lineMatching(/is serving on/);
      const waitForRuns = (count: number) =>
        until(`${count} successful runs`, async () => (await succeeded()).length >= count, { intervalMs: 200 });
      try {
        await waitForRuns(3);
        // The leader stops (SIGTERM: it finishes its send and gives up the lease); the other takes over.
        const holder = (await currentLease(client, indexNames(prefix).schedulerLeases))!.holder;
        const leader = [a, b].find((p) => holder.includes(`-${p.child.pid}-`))!;
        leader.child.kill('SIGTERM');
        await leader.exited;
        await waitForRuns((await succeeded()).length + 3);
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        await Promise.all([a.exited, b.exited]);
      }
      const ran = await succeeded();
      expect(ran.length).toBeGreaterThanOrEqual(6);
      expect(new Set((await runs.latest('report-daily', 1_000)).map((r) => r.instance)).size).toBe(2);
      const all = await runs.latest('report-daily', 1_000);
      expect(all.filter((r) => r.state !== 'succeeded')).toEqual([]);

      const mails = (await sink.mails()).filter((m) =>
        [m.to].flat().some((t) => t?.value.some((v) => v.address === 'pair@example.com')),
      );
      const perRun = new Map<string, number>();
      for (const mail of mails) {
        const id = String(mail.headers.get('x-synclog-run'));
        perRun.set(id, (perRun.get(id) ?? 0) + 1);
      }
      expect([...perRun.keys()].sort()).toEqual([...ran].sort());
      expect([...perRun.values()].every((n) => n === 1)).toBe(true);
      expect(mails.every((m) => m.attachments[0]?.filename?.endsWith('.csv'))).toBe(true);
      console.log(
        `two instances: ${ran.length} periods, ${mails.length} mails, run by ${[...new Set(all.map((r) => r.instance))].join(', ')}`,
      );
    },
  );
});
