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
