import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { DeadLetter } from '../../opensearch/record/dead-letter.ts';

export interface DeadLetterSink {
  add(letter: DeadLetter): void;
  /** Writes what is pending: to the dead-letter index, or to the local file when the index cannot take it. */
  flush(): Promise<void>;
}

/**
 * Dead letters are kept, never dropped: they go to the dead-letter index, and to a local
 * NDJSON file when OpenSearch cannot take them.
 */
export function createDeadLetterSink(deps: {
  client: OpenSearchClient;
  index: string;
  file: string | null;
  requestTimeoutMs: number;
  onError: (error: unknown) => void;
}): DeadLetterSink {
  let pending: DeadLetter[] = [];
  let writing: Promise<void> = Promise.resolve();

  function toFile(letters: DeadLetter[], why: string) {
    if (!deps.file) {
      deps.onError(
        new Error(
          `${letters.length} dead letter(s) could not be stored (${why}) and no dead-letter file is configured`,
        ),
      );
      return;
    }
    try {
      mkdirSync(dirname(deps.file), { recursive: true });
      appendFileSync(deps.file, letters.map((l) => `${JSON.stringify({ ...l, file_reason: why })}\n`).join(''));
    } catch (error) {
      deps.onError(error);
    }
  }

  async function write(letters: DeadLetter[]) {
    const body = letters.flatMap((letter) => [{ index: { _index: deps.index } }, letter]);
    try {
      const { body: response } = await deps.client.bulk(
        { body: body as never, filter_path: 'errors,items.*.status,items.*.error.reason' } as never,
        { requestTimeout: deps.requestTimeoutMs },
      );
      const items =
        (response as { items?: Array<{ index?: { status: number; error?: { reason?: string } } }> }).items ?? [];
      const failed = letters.filter((_, i) => (items[i]?.index?.status ?? 500) >= 300);
      if (failed.length)
        toFile(
          failed,
          items.find((i) => (i.index?.status ?? 500) >= 300)?.index?.error?.reason ??
            'refused by the dead-letter index',
        );
    } catch (error) {
      toFile(letters, `dead-letter index unreachable: ${(error as Error).message}`);
    }
  }

  return {
    add(letter) {
      pending.push(letter);
    },
    flush() {
      if (pending.length === 0) return writing;
      const letters = pending;
      pending = [];
      writing = writing.then(() => write(letters));
      return writing;
    },
  };
}
