import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { freePort } from '../opensearch/local/ports.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { runSynclog } from '../test/run-synclog.ts';

const client = testClient();
const prefix = uniquePrefix('cli-sched');
const env = () => ({ OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix });
let home: string;

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  home = await mkdtemp(join(tmpdir(), 'synclog-cli-sched-'));
});
afterAll(async () => {
  await dropPrefix(client, prefix);
  await rm(home, { recursive: true, force: true });
});

describe('synclog schedule', () => {
  it('runs a job for a period once: a second run of that period is refused', async () => {
    const period = '2026-11-23T03:17:00.000Z';
    const first = await runSynclog(['schedule', 'run', 'scheduler-housekeeping', '--period', period], env());
    expect(first.lines.at(-1)).toBe(`scheduler-housekeeping for ${period}: succeeded`);
    expect(first.code).toBe(0);
    const again = await runSynclog(['schedule', 'run', 'scheduler-housekeeping', '--period', period], env());
    expect(again.code).toBe(1);
    expect(again.lines.at(-1)).toMatch(/^not run: scheduler-housekeeping@2026-11-23T03:17:00.000Z already succeeded/);
  });

  it("refuses an unknown job and a time that is not one of the job's periods, saying why", async () => {
    const unknown = await runSynclog(['schedule', 'run', 'no-such-job'], env());
    expect(unknown.code).toBe(1);
    expect(unknown.lines.at(-1)).toMatch(
      /no job named "no-such-job" \(jobs: retention, scheduler-housekeeping, report-daily, report-weekly, report-monthly, alerts\)/,
    );
    const offPeriod = await runSynclog(
      ['schedule', 'run', 'scheduler-housekeeping', '--period', '2026-11-23T12:00:00Z'],
      env(),
    );
    expect(offPeriod.code).toBe(1);
    expect(offPeriod.lines.at(-1)).toMatch(
      /is not a period of scheduler-housekeeping .*the one before it is 2026-11-23T03:17:00.000Z/,
    );
  });

  it('reports jobs, their last run and failures as JSON', async () => {
    const status = await runSynclog(['schedule', 'status', '--json'], env());
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.lines.join('\n')) as { jobs: Array<Record<string, unknown>> };
    expect(parsed.jobs.map((job) => job.name)).toEqual([
      'retention',
      'scheduler-housekeeping',
      'report-daily',
      'report-weekly',
      'report-monthly',
      'alerts',
    ]);
    // A report without recipients or webhooks is not sent: its job is disabled.
    expect(parsed.jobs.filter((job) => String(job.name).startsWith('report-')).map((job) => job.enabled)).toEqual([
      false,
      false,
      false,
    ]);
    expect(parsed.jobs[1]).toEqual(
      expect.objectContaining({
        name: 'scheduler-housekeeping',
        cron: '17 3 * * *',
        timezone: 'UTC',
        enabled: true,
        failed: 0,
        last_run: expect.objectContaining({
          state: 'succeeded',
          trigger: 'manual',
          period: '2026-11-23T03:17:00.000Z',
        }),
        next_run: expect.stringMatching(/T03:17:00.000Z$/),
      }),
    );
  });

  it('stops start-up naming SYNCLOG_SCHEDULE when an override names no job', async () => {
    const run = await runSynclog(['schedule', 'status'], {
      ...env(),
      SYNCLOG_SCHEDULE: '{"nightly-report": {"enabled": false}}',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SYNCLOG_SCHEDULE: no job named "nightly-report"/);
  });

  it('serves GET /schedule and /metrics only with the admin token it generated, and leads the scheduler', async () => {
    const port = await freePort();
    const { PATH, HOME } = process.env;
    const child = spawn(process.execPath, ['bin/synclog.js', 'serve'], {
      env: { PATH, HOME, ...env(), SYNCLOG_HOME: home, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      // Serving, and leading the scheduler: no other instance runs under this prefix, so its first pass takes the lease.
      const awaited = ['is serving on', 'scheduler: leading'];
      await new Promise<void>((resolve, reject) => {
        lines.on('line', (line) => {
          const at = awaited.findIndex((text) => line.includes(text));
          if (at >= 0) awaited.splice(at, 1);
          if (awaited.length === 0) resolve();
        });
        child.once('exit', () => reject(new Error('serve exited early')));
      });
      const token = (await readFile(join(home, 'api-token'), 'utf8')).trim();
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/schedule`)).status).toBe(401);
      const auth = { headers: { Authorization: `Bearer ${token}` } };
      const body = (await (await fetch(`${url}/schedule`, auth)).json()) as { leader: { holder: string } | null };
      const leader = body.leader?.holder;
      expect(leader).toMatch(/-\d+-[0-9a-f]{4}$/);
      const metrics = await (await fetch(`${url}/metrics`, auth)).text();
      expect(metrics).toMatch(/^synclog_scheduler_leader 1$/m);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
