import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/parse-env.ts';
import { OPERATION_TYPE_LABELS, STATUS_LABELS } from '../record/vocabulary.ts';
import { setupVocabularies, STORY_VOCABULARIES } from './setup-vocabularies.ts';

const fromText = (text: string) => setupVocabularies('/etc/synclog/vocabulary.json', () => text);
const problemOf = (text: string) => {
  try {
    fromText(text);
  } catch (error) {
    return error instanceof ConfigError ? error.message : `not a ConfigError: ${String(error)}`;
  }
  return 'accepted';
};

describe('the vocabularies setup records', () => {
  it('are the story’s without a file', () => {
    expect(setupVocabularies(undefined)).toBe(STORY_VOCABULARIES);
  });

  it('add an application’s own codes after the story’s and relabel a story code the file lists again', () => {
    const vocabularies = fromText(
      JSON.stringify({
        operation_types: [
          { code: 'price_sync', en: 'Price sync', ru: 'Синхронизация цен' },
          { code: 'import_from_1c', en: 'Import from 1C:Enterprise', ru: 'Загрузка из 1С:Предприятие' },
        ],
      }),
    );
    const codes = vocabularies.operation_types.map((e) => e.code);
    expect(codes).toEqual([...OPERATION_TYPE_LABELS.map((e) => e.code), 'price_sync']);
    expect(vocabularies.operation_types.find((e) => e.code === 'import_from_1c')?.ru).toBe(
      'Загрузка из 1С:Предприятие',
    );
    expect(vocabularies.operation_types.find((e) => e.code === 'price_sync')?.ru).toBe('Синхронизация цен');
    expect(vocabularies.statuses).toEqual(STATUS_LABELS);
  });

  it('stop start-up naming the variable, the file and the entry for a bad file', () => {
    expect(problemOf('{ not json')).toMatch(/SYNCLOG_VOCABULARY_FILE.*vocabulary\.json/);
    expect(problemOf(JSON.stringify({ statuses: [{ code: 'done', en: 'Done' }] }))).toMatch(
      /SYNCLOG_VOCABULARY_FILE.*statuses\.0\.ru/,
    );
    expect(
      problemOf(
        JSON.stringify({
          statuses: [
            { code: 'done', en: 'Done', ru: 'Готово' },
            { code: 'done', en: 'Finished', ru: 'Завершено' },
          ],
        }),
      ),
    ).toMatch(/statuses\.1\.code.*"done" is listed twice/);
    expect(problemOf(JSON.stringify({ types: [] }))).toMatch(/SYNCLOG_VOCABULARY_FILE/);
  });
});
