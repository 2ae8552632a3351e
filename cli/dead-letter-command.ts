import { z } from 'zod';
import { DEAD_LETTER_REASONS } from '../opensearch/record/dead-letter.ts';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import type { StoredDeadLetter } from '../shipper/dead-letter/dead-letter-filter.ts';
import { listDeadLetters } from '../shipper/dead-letter/list-dead-letters.ts';
import { replayDeadLetters, type ReplayItem, type ReplayReport } from '../shipper/dead-letter/replay-dead-letters.ts';
import { replayableRecord } from '../shipper/dead-letter/replayable-record.ts';
import { showDeadLetter } from '../shipper/dead-letter/show-dead-letter.ts';
import { connect } from './connect.ts';
import { isoTimeOption, parseCommandOptions } from './verify-command.ts';

const filterShape = {
  errorType: z.string().min(1).optional(),
  /** A closed reason code: `read_only`, `index_closed`, `mapping`, … */
  reasonCode: z.enum(DEAD_LETTER_REASONS).optional(),
  from: isoTimeOption.optional(),
  to: isoTimeOption.optional(),
  json: z.boolean().default(false),
};
const laterThanFrom = { path: ['to'], message: 'must be later than --from' };

const limitOption = z.coerce
  .number({ error: (issue) => (issue.code === 'invalid_type' ? 'expected a number' : undefined) })
  .int('expected a whole number')
  .min(1, 'expected 1 to 10000')
  .max(10_000, 'expected 1 to 10000');

const listOptionsSchema = z
  .object({ ...filterShape, limit: limitOption.default(20) })
  .refine((o) => !o.from || !o.to || o.from < o.to, laterThanFrom);

const replayOptionsSchema = z
  .object({
    ...filterShape,
    id: z.array(z.string().min(1)).optional(),
    all: z.boolean().default(false),
    dryRun: z.boolean().default(false),
  })
  .refine((o) => !o.from || !o.to || o.from < o.to, laterThanFrom)
  .refine((o) => o.id !== undefined || o.all, {
    path: ['all'],
    message: 'name the dead letters to replay: --id ID (repeatable) or --all',
  })
  .refine((o) => o.id === undefined || !o.all, { path: ['all'], message: 'cannot be combined with --id' })
  .refine((o) => o.id === undefined || (o.errorType === undefined && o.reasonCode === undefined && !o.from && !o.to), {
    path: ['id'],
    message: '--reason-code, --error-type, --from and --to select dead letters for --all only',
  });

type Say = (line: string) => void;

/**
 * `synclog dead-letter list|show <id>|replay`: inspect rejected records and write the replayable
 * ones into the log indices. `show` exits 1 when there is no such dead letter; `replay` exits 1
 * when any selected dead letter is not in the log indices afterwards.
 */
export async function deadLetterCommand(
  action: string | undefined,
  args: readonly string[],
  values: Record<string, unknown>,
  env: Record<string, string | undefined>,
  say: Say,
): Promise<number> {
  const options = (() => {
    switch (action) {
      case 'list':
        return {
          action,
          ...parseCommandOptions(listOptionsSchema, {
            ...values,
            errorType: values['error-type'],
            reasonCode: values['reason-code'],
          }),
        };
      case 'show':
        if (args[0] === undefined)
          throw new ConfigError([{ variable: '<id>', message: 'usage: synclog dead-letter show <id>' }]);
        return { action, id: args[0], json: values.json === true };
      case 'replay':
        return {
          action,
          ...parseCommandOptions(replayOptionsSchema, {
            ...values,
            errorType: values['error-type'],
            reasonCode: values['reason-code'],
            dryRun: values['dry-run'],
          }),
        };
      default:
        throw new ConfigError([{ variable: 'dead-letter', message: 'expected list, show <id> or replay' }]);
    }
  })();
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const { names, period } = setupConfigFromEnv(openSearchEnv);
  const { client } = await connect(openSearchEnv, env, options.json ? (line) => console.error(line) : say);
  try {
    switch (options.action) {
      case 'list': {
        const list = await listDeadLetters(client, names, options);
        if (options.json) say(JSON.stringify(list, null, 2));
        else for (const line of describeList(list.deadLetters, list.total)) say(line);
        return 0;
      }
      case 'show': {
        const stored = await showDeadLetter(client, names, options.id);
        if (!stored) {
          console.error(`synclog: no dead letter with id ${options.id}`);
          return 1;
        }
        if (options.json) say(JSON.stringify(stored, null, 2));
        else for (const line of describeDeadLetter(stored)) say(line);
        return 0;
      }
      case 'replay': {
        const selection =
          options.id !== undefined
            ? { ids: options.id }
            : { errorType: options.errorType, reasonCode: options.reasonCode, from: options.from, to: options.to };
        const report = await replayDeadLetters(client, names, period, { ...selection, dryRun: options.dryRun });
        if (options.json) say(JSON.stringify(report, null, 2));
        else for (const line of describeReplay(report)) say(line);
        const { rejected, failed, notReplayable, notFound } = report.counts;
        return rejected + failed + notReplayable + notFound === 0 ? 0 : 1;
      }
    }
  } finally {
    await client.close();
  }
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function describeList(deadLetters: readonly StoredDeadLetter[], total: number): string[] {
  const lines = deadLetters.map(({ id, deadLetter: d }) => {
    const producer = d.producer_id !== undefined ? `${d.producer_id}:${d.producer_seq ?? '?'}` : '-';
    const replayed = d.replayed_at !== undefined ? `replayed ${d.replay_result ?? ''}`.trim() : 'pending';
    return `${id}  ${d['@timestamp']}  ${d.reason_code ?? d.error_type}  ${producer}  ${replayed}  ${oneLine(d.reason, 100)}`;
  });
  lines.push(`dead-letter: ${deadLetters.length} of ${total} shown, newest first`);
  return lines;
}

export function describeDeadLetter({ id, deadLetter }: StoredDeadLetter): string[] {
  const { raw, ...fields } = deadLetter;
  const lines = [`id: ${id}`, ...Object.entries(fields).map(([key, value]) => `${key}: ${value}`)];
  const replayable = replayableRecord(raw);
  lines.push(replayable.ok ? 'replayable: yes' : `replayable: no (${replayable.reason})`);
  let pretty = raw;
  try {
    pretty = JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    // Shown as stored.
  }
  lines.push('raw:', ...pretty.split('\n').map((line) => `  ${line}`));
  return lines;
}

function itemText(item: ReplayItem): string {
  switch (item.outcome) {
    case 'created':
      return `created in ${item.index}`;
    case 'already_present':
      return `already present in ${item.index} (not duplicated)`;
    case 'would_replay':
      return `would be replayed into ${item.index}`;
    case 'rejected':
      return `still rejected: ${item.reason}`;
    case 'failed':
      return `failed, try again later: ${item.reason}`;
    case 'not_replayable':
      return `not replayable: ${item.reason}`;
    case 'skipped':
      return `skipped: replayed at ${item.replayedAt}`;
    case 'not_found':
      return 'not found';
  }
}

export function describeReplay(report: ReplayReport): string[] {
  const lines = report.items.map((item) => `  ${item.id}  ${itemText(item)}`);
  if (report.itemsTruncated) lines.push('  … more not listed (see --json)');
  const c = report.counts;
  const parts = report.dryRun
    ? [`${c.wouldReplay} would be replayed`]
    : [`${c.replayed} replayed (${c.created} created, ${c.alreadyPresent} already present)`];
  if (c.rejected) parts.push(`${c.rejected} still rejected`);
  if (c.failed) parts.push(`${c.failed} failed`);
  parts.push(`${c.notReplayable} not replayable`, `${c.skipped} skipped (replayed before)`);
  if (c.notFound) parts.push(`${c.notFound} not found`);
  if (c.unmarked) parts.push(`${c.unmarked} replayed but not marked`);
  lines.push(`replay${report.dryRun ? ' (dry run)' : ''}: ${parts.join(', ')}`);
  return lines;
}
