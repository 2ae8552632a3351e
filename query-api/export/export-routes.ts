import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { callerOfRequest } from '../auth/require-role.ts';
import { recordAccess } from '../audit/access-log.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { queryParams } from '../http/query-params.ts';
import { badRequest, invalidInput } from '../http/request-errors.ts';
import { logsFilter } from '../logs/logs-filter.ts';
import { STORY_LABELS, type VocabularyLabels } from '../reader/vocabulary-labels.ts';
import { exportFileFor } from './export-file.ts';
import { readManifest } from './export-manifest.ts';
import { exportCsvQuerySchema, exportXlsxQuerySchema, splitExportQuery } from './export-query.ts';
import { runExport } from './run-export.ts';
import type { XlsxLimits } from './xlsx-writer.ts';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const SCHEMAS = { csv: exportCsvQuerySchema, xlsx: exportXlsxQuerySchema } as const;

/**
 * `GET /logs/export.csv|xlsx` (analyst): every record the filters match, streamed, no row cap;
 * the `X-Synclog-Export-Id` header names the manifest `GET /exports/:id` returns. The access log
 * holds an `export.started` entry before the first byte and an `export.finished` entry (rows,
 * bytes and SHA-256 of what was sent; completed, aborted or failed) after the last, both under
 * the export id (`access_id`). `lang` (with `tz`, and for CSV `delimiter`) makes a file for a
 * person; without it the file is machine-readable, as scripts expect.
 */
export function exportRoutes(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  accessLog: AccessLogWriter;
  /** Operation type and status labels, as setup recorded them, for files in a language. */
  labels: () => Promise<VocabularyLabels>;
  xlsxLimits?: XlsxLimits;
  /** Hashed search terms, and the manifest's filters kept as the personal data policy says. Default: as given. */
  privacy?: SearchPrivacy;
}) {
  const app = new Hono();
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/logs/export.${format}`, async (c) => {
      const raw = queryParams(c);
      const parsed = SCHEMAS[format].safeParse(raw);
      if (!parsed.success) return invalidInput(c, parsed.error);
      const { filters, presentation } = splitExportQuery(parsed.data);
      const file = exportFileFor(format, presentation, presentation.lang ? await deps.labels() : STORY_LABELS);
      const caller = callerOfRequest(c.req.raw);
      const id = randomUUID();
      const access = { caller, method: 'GET', route: `/logs/export.${format}`, accessId: id } as const;
      // Recorded before anything is read: an export the access log cannot hold is refused (503).
      await recordAccess(deps.accessLog, { ...access, event: 'export.started', filters: raw, rowCount: 0 });
      const started = await runExport(deps, {
        id,
        format,
        query: logsFilter(filters, deps.privacy),
        reviewed: filters.reviewed,
        file,
        filters: deps.privacy ? deps.privacy.protectFilters(raw) : raw,
        caller,
        ...(deps.xlsxLimits ? { xlsxLimits: deps.xlsxLimits } : {}),
        finished: ({ end, rows, sent }) =>
          recordAccess(deps.accessLog, {
            ...access,
            event: 'export.finished',
            filters: {},
            rowCount: rows,
            outcome: end,
            bytes: sent.bytes,
            sha256: sent.sha256,
          }),
      });
      return c.body(started.body, 200, {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="synclog-export-${started.id}.${format}"`,
        'X-Synclog-Export-Id': started.id,
      });
    });
  }
  app.get('/exports/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/.test(id)) return badRequest(c, 'id', 'expected an export id');
    const manifest = await readManifest(deps.client, deps.names, id);
    return manifest ? c.json(manifest) : c.json({ error: 'not_found', message: `no export ${id}` }, 404);
  });
  return app;
}
