import { z } from 'zod';
import {
  OPERATION_TYPES,
  STATUSES,
  STORY_CUSTOMER_ROLES,
  VALIDATION_ISSUES,
} from '../../opensearch/record/vocabulary.ts';

export type Schema = Record<string, unknown>;

/** A zod schema as JSON Schema, without its `$schema` line (the OpenAPI document names its dialect once). */
export const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Schema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema;
  return rest;
};

const TIME_DESCRIPTION = 'ISO date or date-time, or now / now-7d / now-12h / now-30m';
const LIST_DESCRIPTION = 'one value, a comma-separated list, or the parameter repeated';

/** Open vocabularies: the story's codes are examples, an application's own codes are accepted as well. */
const CODE_EXAMPLES: Record<string, readonly string[]> = {
  operation_type: OPERATION_TYPES,
  status: STATUSES,
  customer_role: STORY_CUSTOMER_ROLES,
  validation_issue: [...VALIDATION_ISSUES, 'duration_ms_invalid'],
};

/** What a parameter does, by name; a route whose parameter does something else passes its own. */
export const PARAMETER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  flagged: 'true: only records with at least one validation issue; false: only records without',
  reviewed: 'true: only reviewed records; false: only records nobody has reviewed',
  lang:
    'a file for a person in this language: headers, type and status labels (with their code columns), ' +
    'yes/no, times in `tz` (with an ISO UTC column); without it the file is machine-readable as before',
  tz: 'with `lang`: the time zone of the time column (IANA name, e.g. Europe/Moscow); default UTC',
  delimiter: 'CSV field separator; default `semicolon` with lang=ru (decimal commas), else `comma`',
};

/** The report routes' parameters: a report's `lang` words a document, it does not shape an export file. */
export const REPORT_PARAMETER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ...PARAMETER_DESCRIPTIONS,
  time_zone: 'the zone whose local days the report covers (IANA name); default SYNCLOG_REPORT_TIMEZONE',
  format: 'json (default), csv, xlsx or html',
  lang:
    'the report worded for a person in this language. html: titles, measure and column names, type and ' +
    'status labels, days and numbers as the language writes them (ru: ДД.ММ.ГГГГ, `1 234`, `8,10 %`). ' +
    'csv and xlsx: the table for a reader (headers, sections and labels in words, the code columns kept; ' +
    'ru CSV: `;` separators, decimal commas, UTF-8 BOM). json: the computed report, the same in any language. ' +
    'Without it: English HTML and the CSV/XLSX of codes. The days are cut in `time_zone` whatever the language',
};

/** Query parameters from a zod object schema: allowed values as the parsed (output) side shows them. */
export function queryParameters(schema: z.ZodType, descriptions = PARAMETER_DESCRIPTIONS): Schema[] {
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
        : descriptions[name];
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
