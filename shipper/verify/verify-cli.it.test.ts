import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { newEventId } from '../../opensearch/record/event-id.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { runSynclog } from '../../test/run-synclog.ts';

const client = testClient();
const prefix = uniquePrefix('cli-verify');
const names = indexNames(prefix);

/** Runs `synclog` as a user would, with a clean environment plus `env`; resolves once it exits. */
const synclog = runSynclog;

const record = (seq: number) => ({
  '@timestamp': new Date(Date.parse('2026-11-02T00:00:00Z') + seq * 1_000).toISOString(),
  ingested_at: '2026-11-02T12:00:00.000Z',
  event_id: newEventId(),
  producer_id: 'crm-sync-1',
  producer_seq: seq,
  level: 'info',
  message: 'Imported customer from 1C',
  service: { name: 'crm-sync' },
});

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  await writeRecords(client, names, 'month', [0, 1, 3, 4].map(record));
});
afterAll(() => dropPrefix(client, prefix));

describe('synclog verify', () => {
  it('prints the gap and exits with 1 when a sequence has one', async () => {
    const run = await synclog(['verify'], { OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix });
    expect(run.code, run.stderr).toBe(1);
    expect(run.lines[0]).toBe(`OpenSearch: ${inject('opensearchUrl')}`);
    expect(run.lines).toContainEqual(expect.stringMatching(/^crm-sync-1 +0 +4 +4 +1 +0 +0  GAPS$/));
    expect(run.lines).toContain('  gap: seq 2 missing');
    expect(run.lines.at(-1)).toBe('verify: 1 producer(s), 4 record(s): 1 missing, 0 duplicate(s)');
  });

  it('prints only the JSON report on stdout with --json', async () => {
    const run = await synclog(['verify', '--json', '--producer', 'crm-sync-*'], {
      OPENSEARCH_URL: inject('opensearchUrl'),
      SYNCLOG_INDEX_PREFIX: prefix,
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.lines.join('\n'));
    expect(report.producers[0]).toMatchObject({ producerId: 'crm-sync-1', gaps: [{ from: 2, to: 2 }] });
  });

  it('refuses a bad --from before connecting, naming the option', async () => {
    const run = await synclog(['verify', '--from', 'yesterday'], {
      OPENSEARCH_URL: inject('opensearchUrl'),
      SYNCLOG_INDEX_PREFIX: prefix,
    });
    expect(run.code).toBe(1);
    expect(run.lines).toEqual(['']);
    expect(run.stderr).toMatch(/^synclog: Invalid configuration: --from: expected an ISO 8601 date/);
  });
});
