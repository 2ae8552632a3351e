import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { newEventId } from '../../opensearch/record/event-id.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { runSynclog } from '../../test/run-synclog.ts';

const client = testClient();
const prefix = uniquePrefix('cli-dlq');
const names = indexNames(prefix);

/** Runs `synclog` against the test node under this file's prefix. */
const synclog = (args: string[]) =>
  runSynclog(args, { OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix });

const record = {
  '@timestamp': '2026-11-23T10:00:00.000Z',
  ingested_at: '2026-11-23T10:00:01.000Z',
  event_id: newEventId(),
  producer_id: 'producer-1',
  producer_seq: 7,
  level: 'info',
  message: 'Imported customer from 1C',
  service: { name: 'crm-sync' },
};
let replayable = '';
let invalid = '';

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  const store = async (body: object) => (await client.index({ index: names.deadLetter, body, refresh: true })).body._id;
  replayable = await store({
    '@timestamp': '2026-11-23T10:00:02.000Z',
    reason: 'failed to parse field [details]',
    error_type: 'mapper_parsing_exception',
    status: 400,
    producer_id: 'producer-1',
    producer_seq: 7,
    raw: JSON.stringify(record),
  });
  invalid = await store({
    '@timestamp': '2026-11-23T10:00:03.000Z',
    reason: 'invalid record: message',
    error_type: 'validation',
    raw: '{"message":1}',
  });
});
afterAll(() => dropPrefix(client, prefix));

describe('synclog dead-letter', () => {
  it('lists dead letters newest first and shows one with its raw record', async () => {
    const list = await synclog(['dead-letter', 'list']);
    expect(list.code).toBe(0);
    expect(list.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(`^${invalid}  2026-11-23T10:00:03.000Z  validation  -  pending  invalid record: message$`),
      ),
      expect.stringMatching(new RegExp(`^${replayable}  .*  mapper_parsing_exception  producer-1:7  pending  `)),
      'dead-letter: 2 of 2 shown, newest first',
    ]);
    const show = await synclog(['dead-letter', 'show', replayable]);
    expect(show.code).toBe(0);
    expect(show.lines).toContain('replayable: yes');
    expect(show.lines).toContain(`    "event_id": "${record.event_id}",`);
    expect((await synclog(['dead-letter', 'show', 'nope'])).code).toBe(1);
  });

  it('replays what it can, reports the rest, exits 1 while some are not replayable, and skips the replayed ones next time', async () => {
    const first = await synclog(['dead-letter', 'replay', '--all']);
    expect(first.code).toBe(1);
    expect(first.lines).toContain(`  ${replayable}  created in ${prefix}-logs-2026.11`);
    expect(first.lines).toContainEqual(
      expect.stringMatching(new RegExp(`^  ${invalid}  not replayable: not a valid record: `)),
    );
    expect(first.lines.at(-1)).toBe(
      'replay: 1 replayed (1 created, 0 already present), 1 not replayable, 0 skipped (replayed before)',
    );

    const second = await synclog(['dead-letter', 'replay', '--id', replayable]);
    expect(second.code).toBe(0);
    expect(second.lines.at(-1)).toBe(
      'replay: 0 replayed (0 created, 0 already present), 0 not replayable, 1 skipped (replayed before)',
    );
    const { body } = await client.count({
      index: names.readAlias,
      body: { query: { ids: { values: [record.event_id] } } },
    });
    expect(body.count).toBe(1);
  });
});
