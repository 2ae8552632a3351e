import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { orNullOn404 } from '../../opensearch/shared/response-errors.ts';
import type { ManifestPresentation } from './export-file.ts';

/** What an export was: its query, who asked, how many rows, and the SHA-256 of the file sent. */
export interface ExportManifest {
  readonly id: string;
  readonly format: 'csv' | 'xlsx';
  readonly status: 'running' | 'complete' | 'aborted' | 'failed';
  readonly query: Record<string, unknown>;
  /** The language, time zone and separator in effect, when the request asked for any. */
  readonly presentation?: ManifestPresentation;
  readonly who: string;
  readonly started_at: string;
  readonly finished_at?: string;
  readonly row_count?: number;
  readonly bytes?: number;
  readonly sha256?: string;
  readonly error?: string;
}

export async function writeManifest(
  client: OpenSearchClient,
  names: IndexNames,
  manifest: ExportManifest,
): Promise<void> {
  await client.index({ index: names.exports, id: manifest.id, body: manifest as never, refresh: true });
}

export async function readManifest(
  client: OpenSearchClient,
  names: IndexNames,
  id: string,
): Promise<ExportManifest | null> {
  const found = await orNullOn404(client.get({ index: names.exports, id }));
  return (found?.body._source as ExportManifest | undefined) ?? null;
}
