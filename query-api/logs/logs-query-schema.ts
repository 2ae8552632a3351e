import { z } from 'zod';
import { parseTimeExpression } from './time-expression.ts';

/** One value, a comma-separated list, or the parameter repeated: always a list. */
const list = z.union([z.string(), z.array(z.string())]).transform((v) =>
  (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean),
);
/**
 * A list of codes of an open vocabulary (operation types, statuses, roles, issue codes): the
 * story's codes and whatever an application logs. Codes are keywords, never query syntax.
 */
const codes = list.pipe(
  z
    .array(
      z
        .string()
        .max(256)
        .regex(
          /^[\p{L}\p{N}_.:-]+(?: [\p{L}\p{N}_.:-]+)*$/u,
          'letters, digits, "_", ".", ":", "-" and single inner spaces',
        ),
    )
    .min(1)
    .max(50),
);

const timeExpression = z.string().transform((text, ctx) => {
  const date = parseTimeExpression(text, new Date());
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO date-time or now, now-7d, now-12h, now-30m' });
    return z.NEVER;
  }
  return date;
});

export const SORT_FIELDS = ['@timestamp', 'duration_ms', 'operation_type', 'status', 'customer_email'] as const;

/** Request limits, from the service's configuration (`SYNCLOG_MAX_PAGE_SIZE`, `SYNCLOG_MAX_SPAN_DAYS`). */
export interface QueryLimits {
  readonly maxPageSize: number;
  /** The longest `from`..`to` (or `from`..now) a search may cover. */
  readonly maxSpanDays: number;
}
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxPageSize: 500, maxSpanDays: 3_650 };

/** The filters `GET /logs` and the exports share. */
const filterShape = {
  operation_type: codes.optional(),
  status: codes.optional(),
  customer_role: codes.optional(),
  /** Records flagged with any of these issue codes (`status_unknown`, `duration_ms_invalid`, …). */
  validation_issue: codes.optional(),
  /** Only flagged records (true: with any validation issue), or only clean ones (false). */
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  correlation_id: z.string().min(1).max(256).optional(),
  from: timeExpression.optional(),
  to: timeExpression.optional(),
  /** Free search over e-mail, customer name, 1C id, correlation, trace and operation id, and error message; never query syntax. */
  q: z.string().trim().min(1).max(256).optional(),
  /** Only records someone reviewed (true), or only those nobody has (false). */
  reviewed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};
const fromBeforeTo: [
  (q: { from?: Date | undefined; to?: Date | undefined }) => boolean,
  { message: string; path: string[] },
] = [(q) => !q.from || !q.to || q.from < q.to, { message: 'must be after from', path: ['to'] }];

/** Export query parameters: the filters alone (an export takes every match, in time order). */
export const exportQuerySchema = z.strictObject(filterShape).refine(...fromBeforeTo);
export type LogsFilterQuery = z.infer<typeof exportQuerySchema>;

const DAY_MS = 86_400_000;
const withinSpan = (
  limits: QueryLimits,
): [(q: { from?: Date | undefined; to?: Date | undefined }) => boolean, { message: string; path: string[] }] => [
  (q) => !q.from || (q.to ?? new Date()).getTime() - q.from.getTime() <= limits.maxSpanDays * DAY_MS,
  { message: `covers more than ${limits.maxSpanDays} days`, path: ['from'] },
];

/** `GET /logs` query parameters under the given limits. Unknown parameters are refused, naming them. */
export const logsQuerySchemaFor = (limits: QueryLimits) =>
  z
    .strictObject({
      ...filterShape,
      sort: z
        .string()
        .regex(
          new RegExp(`^(${SORT_FIELDS.map((f) => f.replace('@', '\\@')).join('|')}):(asc|desc)$`),
          `expected <field>:asc|desc with field one of ${SORT_FIELDS.join(', ')}`,
        )
        .default('@timestamp:desc'),
      size: z.coerce.number().int().min(1).max(limits.maxPageSize).default(Math.min(50, limits.maxPageSize)),
      cursor: z.string().min(1).max(2_000).optional(),
      /** true: count every match exactly; default: exact up to 10,000, then "at least". */
      exact_total: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .default(false),
    })
    .refine(...fromBeforeTo)
    .refine(...withinSpan(limits));

export const logsQuerySchema = logsQuerySchemaFor(DEFAULT_QUERY_LIMITS);
export type LogsQuery = z.infer<typeof logsQuerySchema>;
