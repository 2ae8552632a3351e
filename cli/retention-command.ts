import { userInfo } from 'node:os';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { archiveBefore } from '../opensearch/lifecycle/archive-before.ts';
import { liftHold, placeHold } from '../opensearch/lifecycle/hold-enforcement.ts';
import { readHolds } from '../opensearch/lifecycle/legal-hold.ts';
import { runLifecyclePass, type IndexOutcome } from '../opensearch/lifecycle/lifecycle-runner.ts';
import { restoreArchives } from '../opensearch/lifecycle/restore-archive.ts';
import { retentionStatus } from '../opensearch/lifecycle/retention-status.ts';
import { verifyRetention } from '../opensearch/lifecycle/verify-retention.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { recordHoldChange } from '../query-api/audit/hold-entries.ts';
import { connect } from './connect.ts';
import { holdReport, releaseReport } from './hold-report.ts';

export interface RetentionValues {
  'dry-run'?: boolean | undefined;
  json?: boolean | undefined;
  reason?: string | undefined;
  before?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const ACTIONS = ['status', 'run', 'archive', 'restore', 'hold', 'release', 'holds', 'verify'] as const;

/**
 * `synclog retention …`: the lifecycle runner's view and controls. `status` (per index), `run
 * [--dry-run]` (one pass now, what the daily job runs), `archive --before DATE`, `restore INDEX |
 * --from --to`, `hold INDEX --reason R | hold --from --to --reason R`, `release ID`, `holds`,
 * `verify` (exit 1 on any problem). `run` and `archive` exit 1 when a step failed; `hold` when ISM
 * runs retention and cannot be made to keep what it covers; `release` when there is no such hold
 * or an index could not be given back to ISM.
 */
export async function retentionCommand(
  action: string | undefined,
  args: readonly string[],
  values: RetentionValues,
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number]))
    throw new ConfigError([{ variable: 'retention', message: `expected one of ${ACTIONS.join(', ')}` }]);
  const range = timeRange(values);
  if (action === 'hold' && !values.reason)
    throw new ConfigError([{ variable: '--reason', message: 'say why the index is held' }]);
  if ((action === 'hold' || action === 'restore') && !args[0] && !range)
    throw new ConfigError([{ variable: `retention ${action}`, message: 'name an index, or give --from and --to' }]);
  if (action === 'release' && !args[0])
    throw new ConfigError([
      {
        variable: 'retention release',
        message: 'name the hold (an index, or range:<from>..<to> as `retention holds` lists it)',
      },
    ]);
  const before = values.before === undefined ? undefined : dateOf('--before', values.before);
  if (action === 'archive' && !before)
    throw new ConfigError([{ variable: '--before', message: 'give the date whose earlier periods to archive' }]);

  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const config = setupConfigFromEnv(openSearchEnv);
  const { client } = await connect(openSearchEnv, env, (line) => !values.json && say(line));
  const deps = {
    client,
    names: config.names,
    policy: config.lifecycle,
    now: () => new Date(),
    by: `cli:${userInfo().username}`,
  };
  const print = (value: unknown, lines: () => string[]) =>
    values.json ? say(JSON.stringify(value, null, 2)) : lines().forEach((l) => say(l));
  try {
    switch (action) {
      case 'status': {
        const rows = await retentionStatus(client, config.names, config.lifecycle, new Date());
        print(rows, () =>
          rows.length === 0
            ? ['no log indices']
            : rows.map(
                (r) =>
                  `${r.index}  ${r.state}${r.held ? ' HELD' : ''}  ${r.period_start.slice(0, 10)}..${r.period_end.slice(0, 10)}  age ${r.age_days} d  ${r.docs} docs  ${(r.bytes / 1e6).toFixed(1)} MB  next: ${r.next}${r.error ? `  ERROR ${r.error}` : ''}`,
              ),
        );
        return 0;
      }
      case 'run':
      case 'archive': {
        const outcomes =
          action === 'run'
            ? await runLifecyclePass(deps, { dryRun: values['dry-run'] === true })
            : await archiveBefore(deps, before!);
        print(outcomes, () =>
          outcomes.length === 0 ? ['nothing to do (or ISM is the retention executor here)'] : outcomes.map(outcomeLine),
        );
        return outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
      }
      case 'restore': {
        const restored = await restoreArchives(client, config.names, range ?? { index: args[0]! });
        print(restored, () =>
          restored.length === 0
            ? ['no archive matches']
            : restored.map((r) => `${r.from} → ${r.index} (${r.docs} docs, from ${r.snapshot})`),
        );
        return restored.length === 0 ? 1 : 0;
      }
      case 'hold': {
        const placement = await placeHold(deps, range ?? { index: args[0]! }, values.reason!);
        const report = holdReport(placement, range !== undefined);
        report.lines.forEach((line) => say(line));
        if (!placement.ok) return report.code;
        const covers: Record<string, string> = range
          ? { from: range.from.toISOString(), to: range.to.toISOString() }
          : { index: args[0]! };
        const change = { event: 'hold.placed', holdId: placement.id, covers, reason: values.reason } as const;
        return (await recordHoldChange(client, config.names, change, say)) ? report.code : 1;
      }
      case 'release': {
        const held = (await readHolds(client, config.names)).find((h) => h.id === args[0]);
        const release = await liftHold(deps, args[0]!);
        const report = releaseReport(args[0]!, release);
        report.lines.forEach((line) => say(line));
        if (!release.released) return report.code;
        const covers: Record<string, string> = !held
          ? {}
          : 'index' in held
            ? { index: held.index }
            : { from: held.from, to: held.to };
        const change = { event: 'hold.released', holdId: args[0]!, covers, reason: values.reason } as const;
        return (await recordHoldChange(client, config.names, change, say)) ? report.code : 1;
      }
      case 'holds': {
        const holds = await readHolds(client, config.names);
        print(holds, () =>
          holds.length === 0 ? ['no holds'] : holds.map((h) => `${h.id}  by ${h.by} at ${h.held_at}: ${h.reason}`),
        );
        return 0;
      }
      default: {
        const check = await verifyRetention(client, config.names, config.lifecycle, new Date());
        print(check, () => [
          `${check.checked} index(es) checked, ${check.problems.length} problem(s)`,
          ...check.problems.map((p) => `${p.index}: ${p.problem}`),
        ]);
        return check.problems.length === 0 ? 0 : 1;
      }
    }
  } finally {
    await client.close();
  }
}

function outcomeLine(o: IndexOutcome): string {
  const what =
    o.outcome === 'waiting'
      ? 'nothing due'
      : o.outcome === 'planned'
        ? `${o.action} is due`
        : `${o.action}: ${o.outcome}`;
  return `${o.index}  ${what}${o.detail ? ` (${o.detail})` : ''}`;
}

function timeRange(values: RetentionValues): { from: Date; to: Date } | undefined {
  if (values.from === undefined && values.to === undefined) return undefined;
  if (values.from === undefined || values.to === undefined)
    throw new ConfigError([
      { variable: values.from === undefined ? '--from' : '--to', message: 'give both --from and --to' },
    ]);
  const from = dateOf('--from', values.from);
  const to = dateOf('--to', values.to);
  if (to <= from) throw new ConfigError([{ variable: '--to', message: 'must be after --from' }]);
  return { from, to };
}

function dateOf(variable: string, text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new ConfigError([{ variable, message: 'expected an ISO date or date-time' }]);
  return date;
}
