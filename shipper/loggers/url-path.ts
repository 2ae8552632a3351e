/** Default 2 048 characters: enough for any real path, short enough for a log line. */
const MAX_URL_CHARS = 2_048;

/**
 * A URL as it may be logged: no user:password, query or fragment, since those carry tokens,
 * e-mails and signed parameters. Relative URLs (an incoming request's `req.url`) stay relative.
 */
export function loggableUrl(url: string): string {
  let kept: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      kept = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
    } catch {
      kept = stripQuery(url).replace(/\/\/[^/@]*@/, '//');
    }
  } else {
    kept = stripQuery(url);
  }
  return kept.length > MAX_URL_CHARS ? kept.slice(0, MAX_URL_CHARS) : kept;
}

function stripQuery(url: string): string {
  return url.split(/[?#]/, 1)[0] ?? '';
}

// Segments that are values, not names: numbers, UUIDs, long hex, e-mails, and long tokens with digits.
const ID_SEGMENT = [
  /^\d+$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[0-9a-f]{16,}$/i,
  /@/,
  /^(?=.*\d).{16,}$/,
];

/**
 * A request path as a route template for metric labels, when the framework names no route:
 * query dropped and every segment that looks like an id replaced by `:id`
 * (`/customers/42/orders/7f3c…` → `/customers/:id/orders/:id`).
 */
export function routeTemplate(path: string): string {
  const segments = stripQuery(path)
    .split('/')
    .map((segment) => (ID_SEGMENT.some((pattern) => pattern.test(segment)) ? ':id' : segment));
  const template = segments.join('/');
  return template.startsWith('/') ? template : `/${template}`;
}
