import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Caller } from '../auth/api-tokens.ts';
import { writeCsv } from './csv-writer.ts';
import { MACHINE_LAYOUT } from './export-layout.ts';
import type { ExportFile } from './export-file.ts';
import { writeManifest, type ExportManifest } from './export-manifest.ts';
import { matchingRecords } from './matching-records.ts';
import { sentBody, type Sent, type SentEnd } from './sent-body.ts';
import { writeXlsx, type XlsxLimits } from './xlsx-writer.ts';

export interface StartedExport {
  readonly id: string;
  readonly body: ReadableStream<Uint8Array>;
  /** Settles once the export has ended and its manifest is written. */
  readonly done: Promise<ExportManifest>;
}

/** How an export ended, as its manifest and its `export.finished` access entry state it. */
export interface FinishedExport {
  readonly manifest: ExportManifest;
  readonly end: SentEnd;
  /** Rows sent: for CSV those begun in the bytes sent, for XLSX those written into the workbook. */
  readonly rows: number;
  readonly sent: Sent;
}

const STATUS = { completed: 'complete', aborted: 'aborted', failed: 'failed' } as const;

/**
 * Streams every matching record as CSV or XLSX and writes the manifest (`running` at once, then
 * `complete`, `aborted` when the client went away, or `failed`) with the rows, bytes and SHA-256
 * of exactly what the client was handed. `finished` runs after the last byte and before the
 * download ends (also after an abort or a failure); the download ends only once the manifest is
 * written and `finished` resolved, so a client holding the whole file finds both. Memory stays
 * constant: one page of records at a time.
 */
export async function runExport(
  deps: { client: OpenSearchClient; names: IndexNames },
  request: {
    id?: string;
    format: 'csv' | 'xlsx';
    query: Record<string, unknown>;
    reviewed?: boolean | undefined;
    filters: Record<string, unknown>;
    caller: Caller;
    /** The layout, separator and look of the file. Default: machine-readable, `,`. */
    file?: ExportFile;
    xlsxLimits?: XlsxLimits;
    finished?: (finished: FinishedExport) => Promise<void>;
  },
): Promise<StartedExport> {
  const id = request.id ?? randomUUID();
  const file: ExportFile = request.file ?? { layout: MACHINE_LAYOUT, delimiter: ',', look: {} };
  const base: ExportManifest = {
    id,
    format: request.format,
    status: 'running',
    query: request.filters,
    ...(file.presentation ? { presentation: file.presentation } : {}),
    who: request.caller.id,
    started_at: new Date().toISOString(),
  };
  await writeManifest(deps.client, deps.names, base);
  let rows = 0;
  const out = new PassThrough();
  const records = matchingRecords(deps.client, deps.names, request.query, request.reviewed);
  async function* batches() {
    for await (const page of records) {
      rows += page.length;
      yield page.map((record) => file.layout.row(record));
    }
  }
  const write =
    request.format === 'csv'
      ? writeCsv(batches(), file.layout.header, out, file.delimiter)
      : writeXlsx(batches(), file.layout.header, out, request.xlsxLimits, file.look).then(
          () => void (out.destroyed || out.writableEnded || out.end()),
        );
  // Reading the records failed (a CSV writer has broken `out` off already), or the client left.
  write.catch((error: Error) => {
    void records.return(undefined);
    out.destroy(error);
  });

  let settle!: (manifest: ExportManifest) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<ExportManifest>((resolve, reject) => ((settle = resolve), (fail = reject)));
  done.catch(() => {});
  const body = sentBody(out, request.format, async (end, sent, error) => {
    const manifest: ExportManifest = {
      ...base,
      status: STATUS[end],
      finished_at: new Date().toISOString(),
      row_count: sent.rows ?? rows,
      bytes: sent.bytes,
      sha256: sent.sha256,
      ...(error ? { error: error.message } : {}),
    };
    try {
      await writeManifest(deps.client, deps.names, manifest);
      await request.finished?.({ manifest, end, rows: manifest.row_count!, sent });
      settle(manifest);
    } catch (cause) {
      fail(cause as Error);
      throw cause;
    }
  });
  return { id, body, done };
}
