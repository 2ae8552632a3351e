import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { LabelledCode } from '../../opensearch/i18n/vocabulary-label.ts';
import { readSetupMetadata } from '../../opensearch/metadata/read-setup-metadata.ts';
import { OPERATION_TYPE_LABELS, STATUS_LABELS } from '../../opensearch/record/vocabulary.ts';

/** The labels of the two closed vocabularies people read: operation types and statuses. */
export interface VocabularyLabels {
  readonly operation_type: readonly LabelledCode[];
  readonly status: readonly LabelledCode[];
}

/** The product story's labels, which setup records; they serve until setup's are read. */
export const STORY_LABELS: VocabularyLabels = { operation_type: OPERATION_TYPE_LABELS, status: STATUS_LABELS };

/** Labels are read from setup's metadata at most this often. */
const REFRESH_MS = 60_000;

/**
 * The labels setup recorded in its metadata (`vocabularies`), read at most once a minute; before
 * setup ran, or when the cluster cannot answer, the story's labels.
 */
export function vocabularyLabelsFrom(client: OpenSearchClient, metaIndex: string, now: () => number = Date.now) {
  let labels: VocabularyLabels = STORY_LABELS;
  let readAt = -Infinity;
  let reading: Promise<void> | null = null;
  const read = async () => {
    try {
      const vocabularies = (await readSetupMetadata(client, metaIndex))?.vocabularies;
      labels = vocabularies
        ? { operation_type: vocabularies.operation_types, status: vocabularies.statuses }
        : STORY_LABELS;
    } catch {
      // Keep the last labels: a page must not fail because its labels could not be refreshed.
    } finally {
      readAt = now();
      reading = null;
    }
  };
  return async (): Promise<VocabularyLabels> => {
    if (now() - readAt >= REFRESH_MS) await (reading ??= read());
    return labels;
  };
}
