import { afterAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { setupVocabularies } from '../../opensearch/setup/setup-vocabularies.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { createReader } from './reader.ts';
import { STORY_LABELS, vocabularyLabelsFrom } from './vocabulary-labels.ts';

const client = testClient();
const prefix = uniquePrefix('labels');
afterAll(() => dropPrefix(client, prefix));

const own = {
  operation_types: [{ code: 'price_sync', en: 'Price sync', ru: 'Синхронизация цен' }],
  statuses: [{ code: 'error', en: 'Failed', ru: 'Сбой' }],
};

describe('the labels readers see', () => {
  it('are the story’s before setup ran', async () => {
    expect(await vocabularyLabelsFrom(client, indexNames(prefix).meta)()).toBe(STORY_LABELS);
  });

  it('are the ones setup recorded from SYNCLOG_VOCABULARY_FILE, read from the cluster’s metadata', async () => {
    const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
    await runSetup(client, {
      ...config,
      vocabularies: setupVocabularies('vocabulary.json', () => JSON.stringify(own)),
    });
    const labels = await vocabularyLabelsFrom(client, indexNames(prefix).meta)();
    const reader = createReader('ru', 'UTC', labels);
    expect(reader.label('operation_type', 'price_sync')).toBe('Синхронизация цен');
    expect(reader.label('operation_type', 'import_from_1c')).toBe('Импорт из 1С');
    expect(reader.label('status', 'error')).toBe('Сбой');
    expect(reader.label('status', 'vendor_state')).toBe('vendor_state');
    expect(createReader('en', 'UTC', labels).label('status', 'error')).toBe('Failed');
  });

  it('are read again at most once a minute, so a changed setup reaches readers without a restart', async () => {
    let now = 0;
    const labels = vocabularyLabelsFrom(client, indexNames(prefix).meta, () => now);
    const first = await labels();
    const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
    await runSetup(client, config);
    now = 59_000;
    expect(await labels()).toBe(first);
    now = 60_000;
    expect((await labels()).status.find((e) => e.code === 'error')?.ru).toBe('Ошибка');
  });
});
