import type { z } from 'zod';
import { syncLogRecordSchema } from '../../opensearch/record/schema.ts';
import { exportQuerySchema, logsQuerySchema } from '../logs/logs-query-schema.ts';
import { exportCsvQuerySchema, exportXlsxQuerySchema } from '../export/export-query.ts';
import { alertEventSchema } from '../../opensearch/alerting/alert-event.ts';
import { alertsQuerySchema } from '../alerts/alert-routes.ts';
import { dailyReportQuerySchema, monthlyReportQuerySchema, weeklyReportQuerySchema } from '../reports/report-routes.ts';
import { ROUTE_TABLE, roleOf, routeKey, type DocumentedRouteKey } from '../routes/route-table.ts';
import { REPORT_PARAMETER_DESCRIPTIONS, jsonSchema, queryParameters, type Schema } from './query-parameters.ts';

const errorBody = {
  type: 'object',
  properties: { error: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } },
  required: ['error', 'message'],
};
const errors = (...codes: Array<400 | 401 | 403 | 404 | 503>) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: {
          400: 'invalid input; `field` names it',
          401: 'no or unknown token',
          403: 'the token lacks the role',
          404: 'not found',
          503: 'OpenSearch unreachable',
        }[code],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
const json = (schema: Schema, description = 'OK') => ({
  '200': { description, content: { 'application/json': { schema } } },
});
const idParameter = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', format: 'uuid' },
});

type Operation = { parameters?: Schema[]; requestBody?: Schema; responses: Schema };

/** A report route: its own parameters, and the report in each of its formats. */
const report = (schema: z.ZodType): Operation => ({
  parameters: queryParameters(schema, REPORT_PARAMETER_DESCRIPTIONS),
  responses: {
    '200': {
      description: 'the report in the asked format: JSON (default), CSV (section,item,measure,value), XLSX or HTML',
      content: {
        'application/json': { schema: { type: 'object' } },
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: { type: 'string', format: 'binary' },
        },
        'text/html': { schema: { type: 'string' } },
      },
    },
    ...errors(400, 401, 403, 503),
  },
});
/** An export route: its filters and file options, and the file with its export id. */
const exportFile = (schema: z.ZodType): Operation => ({
  parameters: queryParameters(schema),
  responses: {
    '200': { description: 'the file', headers: { 'X-Synclog-Export-Id': { schema: { type: 'string' } } } },
    ...errors(400, 401, 403, 503),
  },
});

const comment = { comment: { type: 'string', maxLength: 2000 } };
/** `POST /logs/review`: the filters of the records to mark reviewed, and a comment. */
const reviewByFilterBody = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['filter'],
        properties: { filter: { type: 'object', description: 'the filters of GET /logs' }, ...comment },
      },
    },
  },
};

/** Everything about a documented route but its summary and access, which the route table gives. */
function operations(): Record<DocumentedRouteKey, Operation> {
  const records = { $ref: '#/components/schemas/SyncLogRecord' };
  return {
    'GET /health': { responses: { ...json({ type: 'object' }), ...errors(503) } },
    'GET /ready': { responses: { ...json({ type: 'object' }), ...errors(503) } },
    'GET /openapi.json': { responses: json({ type: 'object' }) },
    'GET /audit': { responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 503) } },
    'GET /logs/export.csv': exportFile(exportCsvQuerySchema),
    'GET /logs/export.xlsx': exportFile(exportXlsxQuerySchema),
    'GET /exports/:id': {
      parameters: [idParameter('export id')],
      responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 404) },
    },
    'POST /logs/review': {
      requestBody: reviewByFilterBody,
      responses: {
        ...json({ type: 'object', properties: { matched: { type: 'integer' }, newly_reviewed: { type: 'integer' } } }),
        ...errors(400, 401, 403, 503),
      },
    },
    'POST /logs/:id/review': {
      parameters: [idParameter('event id')],
      requestBody: {
        content: {
          'application/json': { schema: { type: 'object', properties: comment, additionalProperties: false } },
        },
      },
      responses: { '201': { description: "the record's review history" }, ...errors(400, 401, 403, 404, 503) },
    },
    'GET /reviews/coverage': {
      parameters: queryParameters(exportQuerySchema),
      responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 503) },
    },
    'GET /logs': {
      parameters: queryParameters(logsQuerySchema),
      responses: {
        ...json({
          type: 'object',
          properties: {
            total: { type: 'object', properties: { value: { type: 'integer' }, relation: { enum: ['eq', 'gte'] } } },
            records: { type: 'array', items: records },
            next_cursor: { type: ['string', 'null'] },
          },
        }),
        ...errors(400, 401, 403, 503),
      },
    },
    'GET /logs/:id': {
      parameters: [idParameter('event id')],
      responses: { ...json(records), ...errors(400, 401, 403, 404, 503) },
    },
    'GET /reports/daily': report(dailyReportQuerySchema),
    'GET /reports/weekly-errors': report(weeklyReportQuerySchema),
    'GET /reports/monthly-activity': report(monthlyReportQuerySchema),
    'POST /alerts/webhook': {
      requestBody: { content: { 'application/json': { schema: jsonSchema(alertEventSchema, 'input') } } },
      responses: {
        '201': { description: 'recorded' },
        '200': { description: 'a redelivery: already recorded' },
        ...errors(400, 401, 404, 503),
      },
    },
    'GET /alerts': {
      parameters: queryParameters(alertsQuerySchema),
      responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 503) },
    },
    'POST /alerts/:key/ack': {
      parameters: [
        { name: 'key', in: 'path', required: true, description: 'the alert dedup key', schema: { type: 'string' } },
      ],
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: comment } } } },
      responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 404, 503) },
    },
    'GET /metrics': { responses: { '200': { description: 'text exposition format' }, ...errors(401, 403) } },
    'GET /schedule': { responses: { ...json({ type: 'object' }), ...errors(401, 403, 503) } },
  };
}

/** `/logs/:id` as OpenAPI writes it: `/logs/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/**
 * The OpenAPI 3.1 document of the HTTP API: its paths, summaries and required roles from the
 * route table, its parameters and bodies from the same zod schemas that validate requests.
 */
export function openApiDocument(): Schema {
  const details = operations();
  const paths: Record<string, Record<string, Schema>> = {};
  for (const entry of ROUTE_TABLE) {
    if (!entry.documented) continue;
    const role = roleOf(entry);
    const security = role ? { security: [{ bearer: [] }], 'x-synclog-role': role } : {};
    const path = (paths[openApiPath(entry.path)] ??= {});
    path[entry.method.toLowerCase()] = {
      summary: entry.summary,
      ...security,
      ...details[routeKey(entry) as DocumentedRouteKey],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'synclog query API', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { SyncLogRecord: jsonSchema(syncLogRecordSchema, 'output'), Error: errorBody },
    },
    paths,
  };
}
