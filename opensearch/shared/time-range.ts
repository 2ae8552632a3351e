/** A `range` clause on `@timestamp`, `from` inclusive and `to` exclusive; `null` when neither is given. */
export function timeRangeClause(from?: Date, to?: Date): Record<string, unknown> | null {
  if (!from && !to) return null;
  return {
    range: {
      '@timestamp': {
        ...(from ? { gte: from.toISOString() } : {}),
        ...(to ? { lt: to.toISOString() } : {}),
        format: 'strict_date_optional_time',
      },
    },
  };
}
