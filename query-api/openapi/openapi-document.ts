import { z } from 'zod';
import { syncLogRecordSchema } from '../../opensearch/record/schema.ts';
import { OPERATION_TYPES, STATUSES, STORY_CUSTOMER_ROLES, VALIDATION_ISSUES } from '../../opensearch/record/vocabulary.ts';
import { exportQuerySchema, logsQuerySchema } from '../logs/logs-query-schema.ts';
import { alertEventSchema } from '../../opensearch/alerting/alert-event.ts';
import { alertsQuerySchema } from '../alerts/alert-routes.ts';
import { dailyReportQuerySchema, monthlyReportQuerySchema, weeklyReportQuerySchema } from '../reports/report-routes.ts';

type Schema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Schema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema;
  return rest;
};

const TIME_DESCRIPTION = 'ISO date or date-time, or now / now-7d / now-12h / now-30m';

/** Open vocabularies: the story's codes are examples, an application's own codes are accepted as well. */
const CODE_EXAMPLES: Record<string, readonly string[]> = {
  operation_type: OPERATION_TYPES,
  status: STATUSES,
  customer_role: STORY_CUSTOMER_ROLES,
  validation_issue: [...VALIDATION_ISSUES, 'duration_ms_invalid'],
};
const DESCRIPTIONS: Record<string, string> = {
  flagged: 'true: only records with at least one validation issue; false: only records without',
  reviewed: 'true: only reviewed records; false: only records nobody has reviewed',
};
const LIST_DESCRIPTION = 'one value, a comma-separated list, or the parameter repeated';

/** Query parameters from a zod object schema: allowed values as the parsed (output) side shows them. */
function queryParameters(schema: z.ZodType): Schema[] {
  const output = jsonSchema(schema, 'output') as { properties: Record<string, Schema>; required?: string[] };
  const input = jsonSchema(schema, 'input') as { properties: Record<string, Schema> };
  return Object.entries(output.properties).map(([name, out]) => {
    const isList = out.type === 'array';
    const isTime = name === 'from' || name === 'to';
    const examples = CODE_EXAMPLES[name];
    const listSchema = examples ? { ...out, items: { ...(out.items as Schema), examples } } : out;
    const description = isTime
      ? TIME_DESCRIPTION
      : isList
        ? `${LIST_DESCRIPTION}${examples ? "; the story's codes (see examples) or any code an application logs" : ''}`
        : DESCRIPTIONS[name];
    return {
      name,
      in: 'query',
      required: false,
      ...(description ? { description } : {}),
      ...(isList ? { style: 'form', explode: true } : {}),
      schema: isTime ? { type: 'string' } : isList ? listSchema : (input.properties[name] ?? out),
    };
  });
}

const errorBody = { type: 'object', properties: { error: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } }, required: ['error', 'message'] };
const errors = (...codes: Array<400 | 401 | 403 | 404 | 503>) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: { 400: 'invalid input; `field` names it', 401: 'no or unknown token', 403: 'the token lacks the role', 404: 'not found', 503: 'OpenSearch unreachable' }[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
const json = (schema: Schema, description = 'OK') => ({ '200': { description, content: { 'application/json': { schema } } } });
const idParameter = (description: string) => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });

/** The OpenAPI 3.1 document of the HTTP API, built from the same zod schemas that validate requests. */
export function openApiDocument(): Schema {
  const records = { $ref: '#/components/schemas/SyncLogRecord' };
  const secured = (role: string) => ({ security: [{ bearer: [] }], 'x-synclog-role': role });
  const reportPath = (summary: string, schema: z.ZodType) => ({
    get: {
      summary,
      ...secured('viewer'),
      parameters: queryParameters(schema),
      responses: {
        '200': {
          description: 'the report in the asked format: JSON (default), CSV (section,item,measure,value), XLSX or HTML',
          content: {
            'application/json': { schema: { type: 'object' } },
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            'text/html': { schema: { type: 'string' } },
          },
        },
        ...errors(400, 401, 403, 503),
      },
    },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'synclog query API', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { SyncLogRecord: jsonSchema(syncLogRecordSchema, 'output'), Error: errorBody },
    },
    paths: {
      '/health': { get: { summary: 'liveness', responses: { ...json({ type: 'object' }), ...errors(503) } } },
      '/ready': { get: { summary: 'readiness: OpenSearch answers and setup is applied', responses: { ...json({ type: 'object' }), ...errors(503) } } },
      '/logs': {
        get: {
          summary: 'search sync logs',
          ...secured('viewer'),
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
      },
      '/logs/{id}': { get: { summary: 'one record', ...secured('viewer'), parameters: [idParameter('event id')], responses: { ...json(records), ...errors(400, 401, 403, 404, 503) } } },
      ...Object.fromEntries(
        (['csv', 'xlsx'] as const).map((format) => [
          `/logs/export.${format}`,
          {
            get: {
              summary: `every matching record as ${format.toUpperCase()}, streamed; X-Synclog-Export-Id names its manifest`,
              ...secured('analyst'),
              parameters: queryParameters(exportQuerySchema),
              responses: { '200': { description: 'the file', headers: { 'X-Synclog-Export-Id': { schema: { type: 'string' } } } }, ...errors(400, 401, 403, 503) },
            },
          },
        ]),
      ),
      '/logs/{id}/review': {
        post: {
          summary: 'record a review of one record (the record itself never changes)',
          ...secured('admin'),
          parameters: [idParameter('event id')],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { comment: { type: 'string', maxLength: 2000 } }, additionalProperties: false } } } },
          responses: { '201': { description: 'the record\'s review history' }, ...errors(400, 401, 403, 404, 503) },
        },
      },
      '/logs/review': {
        post: {
          summary: 'review every record a filter matches',
          ...secured('admin'),
          requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['filter'], properties: { filter: { type: 'object', description: 'the filters of GET /logs' }, comment: { type: 'string', maxLength: 2000 } } } } } },
          responses: { ...json({ type: 'object', properties: { matched: { type: 'integer' }, newly_reviewed: { type: 'integer' } } }), ...errors(400, 401, 403, 503) },
        },
      },
      '/reviews/coverage': {
        get: { summary: 'reviewed errors over errors', ...secured('viewer'), parameters: queryParameters(exportQuerySchema), responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 503) } },
      },
      '/reports/daily': reportPath('the daily summary: operations by type and status, durations, error rate, top errors', dailyReportQuerySchema),
      '/reports/weekly-errors': reportPath('the weekly error analysis of 7 local days from start, with the week before', weeklyReportQuerySchema),
      '/reports/monthly-activity': reportPath(
        'the monthly customer activity: active, new and returning customers, top customers, imports and exports, repeated failures',
        monthlyReportQuerySchema,
      ),
      '/alerts': { get: { summary: 'alerts from either executor, latest event first', ...secured('viewer'), parameters: queryParameters(alertsQuerySchema), responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 503) } } },
      '/alerts/webhook': {
        post: {
          summary: 'receive a firing or resolved alert event (shared secret in X-Synclog-Alert-Secret, or an X-Synclog-Signature HMAC)',
          requestBody: { content: { 'application/json': { schema: jsonSchema(alertEventSchema, 'input') } } },
          responses: { '201': { description: 'recorded' }, '200': { description: 'a redelivery: already recorded' }, ...errors(400, 401, 404, 503) },
        },
      },
      '/alerts/{key}/ack': {
        post: {
          summary: 'acknowledge an alert (who, when, comment)',
          ...secured('admin'),
          parameters: [{ name: 'key', in: 'path', required: true, description: 'the alert dedup key', schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { comment: { type: 'string', maxLength: 2000 } } } } } },
          responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 404, 503) },
        },
      },
      '/exports/{id}': { get: { summary: 'an export manifest', ...secured('analyst'), parameters: [idParameter('export id')], responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 404) } } },
      '/audit': { get: { summary: 'the access log', ...secured('admin'), responses: { ...json({ type: 'object' }), ...errors(400, 401, 403, 503) } } },
      '/schedule': { get: { summary: 'scheduled jobs and the leader', ...secured('admin'), responses: { ...json({ type: 'object' }), ...errors(401, 403, 503) } } },
      '/metrics': { get: { summary: 'Prometheus metrics', ...secured('metrics'), responses: { '200': { description: 'text exposition format' }, ...errors(401, 403) } } },
      '/openapi.json': { get: { summary: 'this document', responses: json({ type: 'object' }) } },
    },
  };
}
