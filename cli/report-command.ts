import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { dailySummary } from '../query-api/reports/daily-summary.ts';
import { dailyReportQuerySchema } from '../query-api/reports/report-routes.ts';
import { monthlyActivity } from '../query-api/reports/monthly-activity.ts';
import { weeklyErrorReport } from '../query-api/reports/weekly-errors.ts';
import { serviceEnvSchema } from '../query-api/service-env.ts';
import { connect } from './connect.ts';

/**
 * `synclog report daily|weekly|monthly [--date YYYY-MM-DD] [--time-zone TZ] [--json]`: by default
 * yesterday, the 7 days up to it, or last month (`--date` names any day of the month).
 */
export async function reportCommand(
  kind: string | undefined,
  values: { date?: string | undefined; 'time-zone'?: string | undefined; json?: boolean | undefined },
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  if (kind !== 'daily' && kind !== 'weekly' && kind !== 'monthly') throw new ConfigError([{ variable: 'report', message: 'expected daily, weekly or monthly' }]);
  const timeZone = values['time-zone'] ?? parseEnv(serviceEnvSchema, env).SYNCLOG_REPORT_TIMEZONE;
  // Default: yesterday, or the 7 days up to yesterday.
  // A month is named by any of its days; by default last month.
  const daysBack = kind === 'daily' ? 1 : kind === 'weekly' ? 7 : new Date().getUTCDate() + 1;
  const date = values.date ?? new Date(Date.now() - daysBack * 86_400_000).toLocaleDateString('en-CA', { timeZone });
  const parsed = dailyReportQuerySchema.safeParse({ date, time_zone: timeZone });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError([{ variable: issue.path[0] === 'time_zone' ? '--time-zone' : '--date', message: issue.message }]);
  }
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const { names } = setupConfigFromEnv(openSearchEnv);
  const { client } = await connect(openSearchEnv, env, (line) => !values.json && say(line));
  try {
    if (kind === 'monthly') {
      const report = await monthlyActivity(client, names, date.slice(0, 7), timeZone);
      if (values.json) say(JSON.stringify(report, null, 2));
      else {
        say(`Monthly customer activity ${report.month} (${report.time_zone})`);
        say(`  active customers: ${report.active_customers} (${report.new_customers} new, ${report.returning_customers} returning); imports ${report.imports}, exports ${report.exports}`);
        for (const c of report.top_customers) say(`  ${String(c.operations).padStart(6)}  ${c.customer_id}`);
        say(`  customers with repeated failures: ${report.repeated_failures.length}`);
      }
      return 0;
    }
    if (kind === 'weekly') {
      const report = await weeklyErrorReport(client, names, date, timeZone);
      if (values.json) say(JSON.stringify(report, null, 2));
      else {
        say(`Weekly error analysis from ${report.start} (${report.time_zone})`);
        say(`  errors: ${report.errors} of ${report.operations} operations (${(report.error_rate * 100).toFixed(1)} %), ${report.change.errors >= 0 ? '+' : ''}${report.change.errors} on the week before; ${report.affected_customers} customers affected`);
        say(`  by day: ${report.by_day.map((d) => `${d.date.slice(5)} ${d.errors}`).join(', ')}`);
        for (const f of report.top_fingerprints) say(`  ${String(f.count).padStart(6)}  ${f.example.slice(0, 120)}`);
      }
      return 0;
    }
    const summary = await dailySummary(client, names, date, timeZone);
    if (values.json) {
      say(JSON.stringify(summary, null, 2));
      return 0;
    }
    say(`Daily summary ${summary.date} (${summary.time_zone})`);
    say(`  operations: ${summary.operations}; error rate ${(summary.error_rate * 100).toFixed(1)} %`);
    say(`  by status: ${Object.entries(summary.by_status).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    say(`  by type: ${Object.entries(summary.by_operation_type).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (summary.duration_ms) say(`  duration: avg ${summary.duration_ms.avg.toFixed(0)} ms, p95 ${summary.duration_ms.p95.toFixed(0)} ms, p99 ${summary.duration_ms.p99.toFixed(0)} ms`);
    for (const e of summary.top_errors) say(`  ${String(e.count).padStart(6)}  ${e.message.slice(0, 120)}`);
    return 0;
  } finally {
    await client.close();
  }
}
