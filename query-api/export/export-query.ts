import { z } from 'zod';
import { timeZoneSchema } from '../reader/time-zone-schema.ts';
import { LOCALES, type Locale } from '../../opensearch/i18n/locale.ts';
import { exportQuerySchema } from '../logs/logs-query-schema.ts';

/** CSV separators by name: query strings and spreadsheets both treat `,` and `;` specially. */
export const DELIMITERS = { comma: ',', semicolon: ';' } as const;
export type DelimiterName = keyof typeof DELIMITERS;

/**
 * How a person wants the file: without `lang` it is machine-readable (codes, ISO UTC times, `,`),
 * exactly as scripts have always read it; with `lang` it is worded and formatted for a reader.
 */
export interface ExportPresentation {
  readonly lang?: Locale | undefined;
  /** The reader's time zone; only with `lang` (the machine-readable file has UTC times only). */
  readonly tz?: string | undefined;
  /** CSV only. */
  readonly delimiter?: DelimiterName | undefined;
}

const lang = z.enum(LOCALES, { message: 'expected en or ru' }).optional();
const tz = timeZoneSchema.optional();
const delimiter = z.enum(['comma', 'semicolon'], { message: 'expected comma or semicolon' }).optional();
const tzNeedsLang: [(q: ExportPresentation) => boolean, { message: string; path: string[] }] = [
  (q) => q.tz === undefined || q.lang !== undefined,
  { message: 'applies to a file for a reader: give lang=en or lang=ru as well', path: ['tz'] },
];

/** `GET /logs/export.csv`: the filters, the reader's language and time zone, the separator. */
export const exportCsvQuerySchema = exportQuerySchema.safeExtend({ lang, tz, delimiter }).refine(...tzNeedsLang);
/** `GET /logs/export.xlsx`: the filters, the reader's language and time zone (cells need no separator). */
export const exportXlsxQuerySchema = exportQuerySchema.safeExtend({ lang, tz }).refine(...tzNeedsLang);

/** The query of an export, split into what selects the records and how the file presents them. */
export function splitExportQuery<Q extends ExportPresentation>(query: Q) {
  const { lang: l, tz: zone, delimiter: d, ...filters } = query;
  const presentation: ExportPresentation = {
    ...(l !== undefined ? { lang: l } : {}),
    ...(zone !== undefined ? { tz: zone } : {}),
    ...(d !== undefined ? { delimiter: d } : {}),
  };
  return { filters, presentation };
}
