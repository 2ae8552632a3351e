import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config/parse-env.ts';
import { OPERATION_TYPE_LABELS, STATUS_LABELS, type VocabularyEntry } from '../record/vocabulary.ts';

/** The operation types and statuses setup records with their labels, for the shipper and for readers. */
export interface SetupVocabularies {
  readonly operation_types: readonly VocabularyEntry[];
  readonly statuses: readonly VocabularyEntry[];
}

export const STORY_VOCABULARIES: SetupVocabularies = {
  operation_types: OPERATION_TYPE_LABELS,
  statuses: STATUS_LABELS,
};

const label = z.string().trim().min(1).max(256);
const entry = z.strictObject({ code: z.string().min(1).max(256), en: label, ru: label });
const entries = z
  .array(entry)
  .max(500)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, { code }] of list.entries()) {
      if (seen.has(code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `"${code}" is listed twice` });
      seen.add(code);
    }
  });
const fileSchema = z.strictObject({ operation_types: entries.default([]), statuses: entries.default([]) });

/** The story's entries, each relabelled where `own` names its code, then `own`'s other codes in order. */
function merged(story: readonly VocabularyEntry[], own: readonly VocabularyEntry[]): VocabularyEntry[] {
  const byCode = new Map(own.map((e) => [e.code, e]));
  const storyCodes = new Set(story.map((e) => e.code));
  return [...story.map((e) => byCode.get(e.code) ?? e), ...own.filter((e) => !storyCodes.has(e.code))];
}

/**
 * The vocabularies of `SYNCLOG_VOCABULARY_FILE` (`{ "operation_types": [{ "code", "en", "ru" }], "statuses": [...] }`)
 * beside the story's: an application's own codes are added, a story code listed again gets the file's
 * labels. Without the file, the story's. A bad file stops start-up naming the variable.
 */
export function setupVocabularies(
  file: string | undefined,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): SetupVocabularies {
  if (file === undefined) return STORY_VOCABULARIES;
  const fail = (message: string): never => {
    throw new ConfigError([{ variable: 'SYNCLOG_VOCABULARY_FILE', message: `${file}: ${message}` }]);
  };
  let json: unknown;
  try {
    json = JSON.parse(read(file));
  } catch (error) {
    return fail((error as Error).message);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return {
    operation_types: merged(OPERATION_TYPE_LABELS, parsed.data.operation_types),
    statuses: merged(STATUS_LABELS, parsed.data.statuses),
  };
}
