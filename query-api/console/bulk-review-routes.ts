import { Hono } from 'hono';
import { exportQuerySchema } from '../logs/logs-query-schema.ts';
import { logsFilter } from '../logs/logs-filter.ts';
import { reviewMatching } from '../reviews/review-store.ts';
import { readerOf } from '../reader/reader-middleware.ts';
import type { ConsoleDeps, ConsoleGuards } from './console-deps.ts';
import { consolePage } from './console-layout.ts';
import { formComment, refusedFilter, shownCodes } from './console-request.ts';
import { consoleUserOf } from './console-user.ts';
import { FILTER_KEYS, filterQuery, type RawParams } from './log-filters.ts';
import { logsPage } from './logs-page.ts';
import { LOGS_TEXT } from './logs-text.ts';

/** The filters a bulk review form carries, without the empty ones. */
const filtersOf = (form: Record<string, unknown>): RawParams => {
  const raw: RawParams = {};
  for (const key of FILTER_KEYS) {
    const value = form[key];
    const values = [value ?? []].flat().filter((v): v is string => typeof v === 'string' && v !== '');
    if (values.length > 0) raw[key] = values.length === 1 ? values[0]! : values;
  }
  return raw;
};

/** An admin reviews every record the list's filters match; without a filter, nothing is reviewed. */
export function bulkReviewRoutes(deps: ConsoleDeps, { admin }: ConsoleGuards) {
  const { client, names } = deps;
  return new Hono().post('/console/review', admin, async (c) => {
    const user = consoleUserOf(c);
    const form = await c.req.parseBody({ all: true });
    const raw = filtersOf(form);
    const parsed = exportQuerySchema.safeParse(raw);
    if (!parsed.success || Object.keys(raw).length === 0) {
      const reader = readerOf(c);
      const t = reader.text(LOGS_TEXT);
      const problem = parsed.success ? t('bulk_needs_filter') : refusedFilter(t, parsed.error);
      const view = { raw, page: null, problem, seen: await shownCodes(client, names) };
      return consolePage(c, user, t('title'), 'logs', logsPage(user, reader, view), 400);
    }
    await reviewMatching(client, names, logsFilter(parsed.data, deps.privacy), user.caller, formComment(form.comment));
    return c.redirect(`/console/logs?${filterQuery(raw)}`, 303);
  });
}
