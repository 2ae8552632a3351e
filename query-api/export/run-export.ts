import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Caller } from '../auth/api-tokens.ts';
import { writeCsv } from './csv-writer.ts';
import { EXPORT_HEADER, exportRow } from './export-columns.ts';
import { writeManifest, type ExportManifest } from './export-manifest.ts';
import { matchingRecords } from './matching-records.ts';
import { writeXlsx, type XlsxLimits } from './xlsx-writer.ts';

export interface StartedExport {
  readonly id: string;
  readonly body: ReadableStream<Uint8Array>;
  /** Settles once the export has ended and its manifest is written. */
  readonly done: Promise<ExportManifest>;
}

/**
 * Streams every matching record as CSV or XLSX, hashing the bytes on their way out, and writes the
 * manifest (`running` at once, then `complete` with rows, bytes and SHA-256, `aborted` when the
 * client went away, or `failed`) before the download ends. Memory stays constant: one page of
 * records at a time.
 */
export async function runExport(
  deps: { client: OpenSearchClient; names: IndexNames },
  request: {
    format: 'csv' | 'xlsx';
    query: Record<string, unknown>;
    reviewed?: boolean | undefined;
    filters: Record<string, unknown>;
    caller: Caller;
    xlsxLimits?: XlsxLimits;
  },
): Promise<StartedExport> {
  const id = randomUUID();
  const base: ExportManifest = {
    id,
    format: request.format,
    status: 'running',
    query: request.filters,
    who: request.caller.id,
    started_at: new Date().toISOString(),
  };
  await writeManifest(deps.client, deps.names, base);
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const out = new PassThrough();
  const records = matchingRecords(deps.client, deps.names, request.query, request.reviewed);
  async function* batches() {
    for await (const page of records) {
      rows += page.length;
      yield page.map(exportRow);
    }
  }

  const write =
    request.format === 'csv'
      ? writeCsv(batches(), EXPORT_HEADER, tap)
      : writeXlsx(batches(), EXPORT_HEADER, tap, request.xlsxLimits).then(() => void tap.end());
  const work = Promise.all([write, pipeline(tap, out, { end: false })]);

  const done = work
    .then(
      () => ({
        ...base,
        status: 'complete' as const,
        finished_at: new Date().toISOString(),
        row_count: rows,
        bytes,
        sha256: hash.digest('hex'),
      }),
      (error: Error) => {
        // A client that left destroys the response stream; anything else is a failure.
        const aborted = out.destroyed || (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
        void records.return(undefined);
        return {
          ...base,
          status: aborted ? ('aborted' as const) : ('failed' as const),
          finished_at: new Date().toISOString(),
          row_count: rows,
          ...(aborted ? {} : { error: error.message }),
        };
      },
    )
    .then(async (manifest) => {
      await writeManifest(deps.client, deps.names, manifest);
      return manifest;
    });
  // The download ends only once its manifest is written: a client that has the whole file finds
  // the manifest complete. A failed export breaks the download off, so nobody takes a cut file for a whole one.
  done.then(
    (manifest) =>
      manifest.status === 'complete'
        ? out.end()
        : out.destroy(new Error(`export ${id} ${manifest.status}${manifest.error ? `: ${manifest.error}` : ''}`)),
    (error: Error) => out.destroy(error),
  );
  out.on('close', () => {
    // The client went away mid-export: stop producing, which closes the point in time.
    if (!tap.writableFinished) tap.destroy();
  });
  return { id, body: Readable.toWeb(out) as ReadableStream<Uint8Array>, done };
}
