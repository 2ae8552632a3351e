import type { Context } from 'hono';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { queryParams } from '../http/query-params.ts';
import { NOTHING_SEEN, seenCodes, type SeenCodes } from '../logs/seen-codes.ts';
import type { RawParams } from './log-filters.ts';
import type { LogsText } from './logs-text.ts';

/** An event id as the shipper writes it (a UUID); anything else is not looked up. */
export const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where to go after signing in or switching: a console page only, never another site (`//host`). */
export const localConsolePath = (next: unknown) =>
  typeof next === 'string' && /^\/console(\/|\?|$)/.test(next) && !/[\\\u0000-\u001f]/.test(next)
    ? next
    : '/console/logs';

/** Query parameters without the empty values a submitted form carries for "any". */
export const formParams = (c: Context): RawParams =>
  Object.fromEntries(
    Object.entries(queryParams(c))
      .map(([k, v]) => [k, Array.isArray(v) ? v.filter(Boolean) : v] as const)
      .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '')),
  );

type Issues = { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };

/** The first problem zod found, as the console shows it: `field: message`. */
export const firstIssue = (error: Issues) => {
  const issue = error.issues[0]!;
  return `${String(issue.path[0] ?? 'filters')}: ${issue.message}`;
};

/** The filters whose form field has a label of its own; `q` is the search box. */
const LABELLED_FILTERS = new Set([
  'status',
  'operation_type',
  'customer_role',
  'validation_issue',
  'from',
  'to',
  'correlation_id',
  'reviewed',
]);

/** zod's message for a problem the log filters have, in the reader's language where synclog wrote it. */
function problemOf(t: LogsText, message: string): string {
  if (message.startsWith('expected an ISO date-time')) return t('problem_time');
  if (message === 'must be after from') return t('problem_after_from');
  const span = /^covers more than (\d+) days$/.exec(message);
  if (span) return t('problem_span', { count: Number(span[1]) });
  return t('problem_value', { detail: message });
}

/**
 * The first problem with the log list's filters, in the reader's language: the field by its
 * label in the form, the problem in words (in Russian, zod's own English detail is left out).
 */
export const refusedFilter = (t: LogsText, error: Issues) => {
  const issue = error.issues[0]!;
  const field = String(issue.path[0] ?? 'filters');
  const label = LABELLED_FILTERS.has(field) ? t(field as 'from') : field === 'q' ? t('search') : field;
  return t('refused_filter', { field: label, problem: problemOf(t, issue.message) });
};

/** A form's optional comment: trimmed, at most 2,000 characters, absent when blank. */
export const formComment = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 2_000) : undefined;

/** The filters offer every code the data holds; without them the story's codes still serve. */
export const shownCodes = async (client: OpenSearchClient, names: IndexNames): Promise<SeenCodes> => {
  const seen = await seenCodes(client, names);
  return seen instanceof Error ? NOTHING_SEEN : seen;
};
