import { z } from 'zod';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { verifySequences, type ProducerSequence, type SequenceReport } from '../shipper/verify/verify-sequences.ts';
import { connect } from './connect.ts';

/** An ISO 8601 date (`2026-11-01`, UTC midnight) or date-time with offset. */
export const isoTimeOption = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'expected an ISO 8601 date or date-time, such as 2026-11-01 or 2026-11-01T00:00:00Z',
  })
  .transform((value) => new Date(value));

/** Parses command-line options with a zod schema; a bad one throws naming `--option`. */
export function parseCommandOptions<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.infer<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.length
        ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
        : '(options)',
      message: issue.message,
    })),
  );
}

const verifyOptionsSchema = z
  .object({
    producer: z
      .string()
      .min(1)
      .refine((p) => !p.slice(0, -1).includes('*') && p !== '*', 'expected a producer id, or a prefix ending with *')
      .optional(),
    from: isoTimeOption.optional(),
    to: isoTimeOption.optional(),
    json: z.boolean().default(false),
  })
  .refine((o) => !o.from || !o.to || o.from < o.to, { path: ['to'], message: 'must be later than --from' });

const LISTED = 10;

/**
 * `synclog verify [--producer P] [--from ISO] [--to ISO] [--json]`: checks every producer's
 * sequence for gaps and repeats. Exit code 0 when there are none, 1 otherwise.
 */
export async function verifyCommand(
  values: Record<string, unknown>,
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  const options = parseCommandOptions(verifyOptionsSchema, values);
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const { names } = setupConfigFromEnv(openSearchEnv);
  // With --json, stdout carries the report only.
  const { client } = await connect(openSearchEnv, env, options.json ? (line) => console.error(line) : say);
  try {
    const report = await verifySequences(client, names, options);
    if (options.json) say(JSON.stringify(report, null, 2));
    else
      for (const line of describeSequences(report, options.from !== undefined || options.to !== undefined)) say(line);
    return report.clean ? 0 : 1;
  } finally {
    await client.close();
  }
}

/** The report as a table, one row per producer, its gaps and repeats listed under it. */
export function describeSequences(report: SequenceReport, windowed: boolean): string[] {
  const { producers, totals } = report;
  if (producers.length === 0) return ['verify: no records found'];
  const width = Math.max('producer'.length, ...producers.map((p) => p.producerId.length));
  const row = (cells: Array<string | number>, status = '') =>
    `${String(cells[0]).padEnd(width)}  ${cells
      .slice(1)
      .map((c) => String(c).padStart(10))
      .join(' ')}${status ? `  ${status}` : ''}`;
  const lines = [row(['producer', 'first', 'last', 'records', 'missing', 'duplicates', 'dead-lettered'])];
  for (const p of producers) {
    lines.push(row([p.producerId, p.first, p.last, p.records, p.missing, p.duplicates, p.deadLettered], statusOf(p)));
    lines.push(...detailsOf(p));
  }
  const problems =
    totals.missing + totals.duplicates === 0
      ? 'no gaps, no repeats'
      : `${totals.missing} missing, ${totals.duplicates} duplicate(s)`;
  lines.push(`verify: ${totals.producers} producer(s), ${totals.records} record(s): ${problems}`);
  if (windowed) lines.push('verify: in a time window, gaps are only checked between the first and last seq seen in it');
  return lines;
}

const statusOf = (p: ProducerSequence) =>
  [p.missing > 0 ? 'GAPS' : '', p.duplicates > 0 ? 'REPEATS' : ''].filter(Boolean).join(', ') || 'ok';

function detailsOf(p: ProducerSequence): string[] {
  const lines = p.gaps
    .slice(0, LISTED)
    .map((g) =>
      g.from === g.to ? `  gap: seq ${g.from} missing` : `  gap: seq ${g.from}..${g.to} missing (${g.to - g.from + 1})`,
    );
  const moreGaps = p.gaps.length - LISTED;
  if (moreGaps > 0 || p.gapsTruncated)
    lines.push(`  … ${p.gapsTruncated ? 'more' : moreGaps} gap(s) not shown (see --json)`);
  lines.push(...p.repeats.slice(0, LISTED).map((r) => `  repeat: seq ${r.seq} stored ${r.count} times`));
  const moreRepeats = p.repeats.length - LISTED;
  if (moreRepeats > 0 || p.repeatsTruncated)
    lines.push(`  … ${p.repeatsTruncated ? 'more' : moreRepeats} repeat(s) not shown (see --json)`);
  return lines;
}
