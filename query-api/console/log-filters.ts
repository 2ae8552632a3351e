/** The filter parameters the console keeps across pages, exports and the bulk review. */
export const FILTER_KEYS = [
  'operation_type',
  'status',
  'customer_role',
  'validation_issue',
  'flagged',
  'correlation_id',
  'from',
  'to',
  'q',
  'reviewed',
] as const;
export type RawParams = Record<string, string | string[]>;

export const valuesOf = (raw: RawParams, key: string): string[] =>
  [raw[key] ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .filter(Boolean);

/** The first value of a single-valued filter, or '' for none. */
export const firstValueOf = (raw: RawParams, key: string) => valuesOf(raw, key)[0] ?? '';

/** The filters as a query string (lists as repeated parameters). */
export function filterQuery(raw: RawParams, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const v of valuesOf(raw, key)) params.append(key, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
