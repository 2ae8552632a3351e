import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { recordFields } from '../../opensearch/record/fields.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { createApp } from '../create-app.ts';
import { exportCsvQuerySchema, exportXlsxQuerySchema } from '../export/export-query.ts';
import { logsQuerySchema } from '../logs/logs-query-schema.ts';

const app = createApp({ client: createOpenSearchClient({ urls: ['http://127.0.0.1:9'] }) });
const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('GET /openapi.json', () => {
  it("documents exactly the API routes the app serves (the console's HTML pages aside)", async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/console'))
        .map((r) => `${r.method} ${toOpenApi(r.path)}`),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect(documented).toEqual(served);
  });

  it('lists the query parameters the request schemas accept, with the allowed values', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string; schema: Record<string, unknown> }> } }>;
    };
    const logs = document.paths['/logs']!.get.parameters;
    expect(logs.map((p) => p.name).sort()).toEqual(Object.keys(logsQuerySchema.shape).sort());
    expect(logs.find((p) => p.name === 'status')!.schema).toMatchObject({
      type: 'array',
      items: { type: 'string', examples: [...STATUSES] },
    });
    expect(logs.find((p) => p.name === 'operation_type')!.schema).toMatchObject({
      type: 'array',
      items: { type: 'string', examples: [...OPERATION_TYPES] },
    });
    expect(logs.find((p) => p.name === 'flagged')!.schema).toMatchObject({ enum: ['true', 'false'] });
    expect(logs.find((p) => p.name === 'size')!.schema).toMatchObject({ minimum: 1, maximum: 500 });
    expect(document.paths['/logs/export.csv']!.get.parameters.map((p) => p.name).sort()).toEqual(
      Object.keys(exportCsvQuerySchema.shape).sort(),
    );
  });

  it('documents the open-vocabulary filters with the pattern the request schema enforces', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        { get: { parameters: Array<{ name: string; schema: { items?: { pattern?: string; maxLength?: number } } }> } }
      >;
    };
    const samples = [
      'retail',
      'wholesale',
      'price_update',
      'оптовик',
      'duration_ms_invalid',
      'a.b:c-d',
      '*',
      'a b',
      '"x"',
      'status:error OR 1',
      '(x)',
      'x'.repeat(257),
      '',
    ];
    for (const name of ['operation_type', 'status', 'customer_role', 'validation_issue']) {
      const items = document.paths['/logs']!.get.parameters.find((p) => p.name === name)!.schema.items!;
      const documented = new RegExp(items.pattern!, 'u');
      for (const sample of samples) {
        const byDocument = documented.test(sample) && sample.length <= items.maxLength!;
        expect(byDocument, `${name}=${sample}`).toBe(logsQuerySchema.safeParse({ [name]: [sample] }).success);
      }
    }
  });

  it('describes a record with every field of the record schema', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      components: { schemas: { SyncLogRecord: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(document.components.schemas.SyncLogRecord.properties).sort()).toEqual(
      Object.keys(recordFields).sort(),
    );
  });
});

describe('GET /openapi.json for exports', () => {
  it('documents the language, time zone and (CSV only) separator of an export file', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string; schema: Record<string, unknown> }> } }>;
    };
    const xlsx = document.paths['/logs/export.xlsx']!.get.parameters;
    expect(xlsx.map((p) => p.name).sort()).toEqual(Object.keys(exportXlsxQuerySchema.shape).sort());
    expect(xlsx.map((p) => p.name)).not.toContain('delimiter');
    const csv = document.paths['/logs/export.csv']!.get.parameters;
    expect(csv.find((p) => p.name === 'lang')!.schema).toMatchObject({ enum: ['en', 'ru'] });
    expect(csv.find((p) => p.name === 'tz')!.schema).toMatchObject({ type: 'string' });
    expect(csv.find((p) => p.name === 'delimiter')!.schema).toMatchObject({ enum: ['comma', 'semicolon'] });
  });
});

describe('GET /openapi.json for the language of files and reports', () => {
  type Parameter = { name: string; description?: string; schema: Record<string, unknown> };
  const langOf = async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters?: Parameter[] } }>;
    };
    return Object.fromEntries(
      Object.entries(document.paths).flatMap(([path, methods]) => {
        const lang = methods.get?.parameters?.find((p) => p.name === 'lang');
        return lang ? [[path, lang]] : [];
      }),
    );
  };
  const REPORTS = ['/reports/daily', '/reports/weekly-errors', '/reports/monthly-activity'];
  const EXPORTS = ['/logs/export.csv', '/logs/export.xlsx'];

  it('documents lang with the values en and ru on every export and report route, and on no other', async () => {
    const documented = await langOf();
    expect(Object.keys(documented).sort()).toEqual([...EXPORTS, ...REPORTS].sort());
    for (const [path, lang] of Object.entries(documented)) expect(lang.schema.enum, path).toEqual(['en', 'ru']);
  });

  it('describes what lang does to a report apart from what it does to an export file', async () => {
    const documented = await langOf();
    for (const path of EXPORTS) expect(documented[path]!.description, path).toMatch(/`tz`/);
    for (const path of REPORTS) {
      const description = documented[path]!.description!;
      expect(description, path).not.toMatch(/`tz`|yes\/no/);
      for (const format of ['html', 'csv', 'xlsx', 'json']) expect(description, path).toContain(format);
      expect(description, path).toMatch(/ДД\.ММ\.ГГГГ/);
      expect(description, path).toMatch(/code columns kept/);
    }
    expect(documented['/reports/daily']!.description).not.toBe(documented['/logs/export.csv']!.description);
  });
});
