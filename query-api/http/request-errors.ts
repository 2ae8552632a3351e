import type { Context } from 'hono';
import type { z } from 'zod';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';

/** 400 naming the offending field. */
export function badRequest(c: Context, field: string, message: string) {
  return c.json({ error: 'invalid_request', field, message }, 400);
}

/** 400 for the first problem zod found, naming its field (or the unknown parameter). */
export function invalidInput(c: Context, error: z.ZodError) {
  const issue = error.issues[0]!;
  const unknown = issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys?.[0] : undefined;
  // The parameter itself, not the position inside a list (`status`, not `status.1`).
  const field = unknown ?? (issue.path.length > 0 ? String(issue.path[0]) : '(query)');
  return badRequest(c, field, unknown ? 'unknown parameter' : issue.message);
}

/**
 * The app's error handler: OpenSearch unreachable or failing → 503 with a clear body; anything
 * else → 500 without internals. Bad input never gets here (it is answered with 400 on the way in).
 */
export function onAppError(error: Error, c: Context) {
  const { status } = errorStatus(error);
  if (status === undefined || status >= 500 || status === 429) {
    return c.json({ error: 'unavailable', message: 'OpenSearch is unreachable or overloaded; try again shortly' }, 503);
  }
  return c.json({ error: 'internal', message: 'the request failed' }, 500);
}
