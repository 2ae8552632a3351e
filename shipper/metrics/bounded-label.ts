/** The label value every value past a cap, or outside a closed set, is counted under. */
export const OTHER_LABEL = 'other';

/** Longer values are ids or text, not names: they count as `other` without taking a slot. */
const MAX_LABEL_CHARS = 128;

/**
 * A label whose values the application chooses (route templates, tables, services): the first
 * `max` distinct values are kept as themselves, every later one counts as `other`. Each value is
 * one time series per combination in Prometheus, so a stray id passed as a name must cost one
 * series, not one per request.
 */
export function createBoundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (value.length === 0 || value.length > MAX_LABEL_CHARS) return OTHER_LABEL;
    if (seen.has(value)) return value;
    if (seen.size >= max) return OTHER_LABEL;
    seen.add(value);
    return value;
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE']);

/** The standard HTTP methods as themselves (upper case); anything a client invents as `OTHER`. */
export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : 'OTHER';
}

/** An HTTP status code as its three digits; no status, or no valid one, as `none`. */
export function statusCodeLabel(status: number | undefined): string {
  return status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'none';
}
