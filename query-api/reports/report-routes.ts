import { Hono } from 'hono';
import { z } from 'zod';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { ApiTokens } from '../auth/api-tokens.ts';
import { requireRole } from '../auth/require-role.ts';
import { invalidInput } from '../http/request-errors.ts';
import { dailySummary } from './daily-summary.ts';
import { timeZoneSchema } from './local-day.ts';
import { monthlyActivity } from './monthly-activity.ts';
import { weeklyErrorReport } from './weekly-errors.ts';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

export const dailyReportQuerySchema = z.strictObject({
  date: calendarDate,
  time_zone: timeZoneSchema.optional(),
});

export const weeklyReportQuerySchema = z.strictObject({
  start: calendarDate,
  time_zone: timeZoneSchema.optional(),
});

export const monthlyReportQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  time_zone: timeZoneSchema.optional(),
  top: z.coerce.number().int().min(1).max(1_000).default(10),
});

/**
 * `GET /reports/daily?date=YYYY-MM-DD`, `GET /reports/weekly-errors?start=YYYY-MM-DD` and
 * `GET /reports/monthly-activity?month=YYYY-MM` (viewer), with an optional `time_zone`: the
 * reports as JSON.
 */
export function reportRoutes(deps: { client: OpenSearchClient; names: IndexNames; tokens: ApiTokens; timeZone: string }) {
  return new Hono()
    .get('/reports/daily', requireRole(deps.tokens, 'viewer'), async (c) => {
      const parsed = dailyReportQuerySchema.safeParse(c.req.query());
      if (!parsed.success) return invalidInput(c, parsed.error);
      return c.json(await dailySummary(deps.client, deps.names, parsed.data.date, parsed.data.time_zone ?? deps.timeZone));
    })
    .get('/reports/weekly-errors', requireRole(deps.tokens, 'viewer'), async (c) => {
      const parsed = weeklyReportQuerySchema.safeParse(c.req.query());
      if (!parsed.success) return invalidInput(c, parsed.error);
      return c.json(await weeklyErrorReport(deps.client, deps.names, parsed.data.start, parsed.data.time_zone ?? deps.timeZone));
    })
    .get('/reports/monthly-activity', requireRole(deps.tokens, 'viewer'), async (c) => {
      const parsed = monthlyReportQuerySchema.safeParse(c.req.query());
      if (!parsed.success) return invalidInput(c, parsed.error);
      return c.json(await monthlyActivity(deps.client, deps.names, parsed.data.month, parsed.data.time_zone ?? deps.timeZone, parsed.data.top));
    });
}
