/**
 * Hot-path benchmark: the time of one `logCustomerImport(...)` call up to the record being queued,
 * against pino logging the same record synchronously to /dev/null, and where the time goes.
 *
 *   node --import tsx bench/hot-path/run.ts [--calls 200000] [--warmup 20000] [--rounds 3] [--only synclog,pino]
 *
 * Each case runs in its own process, rounds interleave the cases, and each case reports its middle
 * round (by median). Progress goes to stderr, the tables to stdout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import { runChild } from '../shared/run-child.ts';
import type { CaseResult } from './case.ts';
import { CASES } from './cases.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200000' },
    warmup: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    only: { type: 'string' },
  },
});
const CASE_SCRIPT = fileURLToPath(new URL('./case.ts', import.meta.url));
const names = Object.keys(CASES).filter((n) => !values.only || values.only.split(',').includes(n));
const rounds = Number(values.rounds);
const logDir = mkdtempSync(join(tmpdir(), 'synclog-bench-hot-path-'));
const progress = (line: string) => process.stderr.write(`[bench:hot-path] ${line}\n`);

const results = new Map<string, CaseResult[]>();
for (let round = 1; round <= rounds; round++) {
  for (const name of names) {
    const args = [name, '--calls', values.calls, '--warmup', values.warmup, '--seed', values.seed];
    const outcome = await runChild<CaseResult>(CASE_SCRIPT, args, {
      timeoutMs: 600_000,
      stderrFile: join(logDir, `${name}-${round}.stderr.log`),
    });
    if (!outcome.result) {
      progress(`${name} (round ${round}) failed, exit ${outcome.exitCode}: ${outcome.stderrTail.join(' | ')}`);
      continue;
    }
    results.set(name, [...(results.get(name) ?? []), outcome.result]);
    progress(
      `round ${round}/${rounds} ${name}: median ${fixed(outcome.result.median, 2)} µs, p99 ${fixed(outcome.result.p99, 2)} µs`,
    );
  }
}

/** The round whose median is the middle one: one disturbed round neither helps nor hurts. */
const middle = (runs: readonly CaseResult[]) =>
  [...runs].sort((a, b) => a.median - b.median)[Math.floor(runs.length / 2)]!;
const chosen = new Map([...results].map(([name, runs]) => [name, middle(runs)]));
const pino = chosen.get('pino');
const synclog = chosen.get('synclog');

console.log(
  `## Hot path: ${grouped(Number(values.calls))} timed calls per case after ${grouped(Number(values.warmup))} warm-up calls, middle of ${rounds} round(s)`,
);
console.log(`node ${process.version}; microseconds per call\n`);
const header = ['case', 'median µs', 'p99 µs', 'p99.9 µs', 'max µs', 'mean µs', 'p99 ÷ median', '× pino median'];
const rows = names.flatMap((name) => {
  const r = chosen.get(name);
  if (!r) return [[CASES[name]!.label, 'failed', '', '', '', '', '', '']];
  return [
    [
      CASES[name]!.label,
      fixed(r.median, 2),
      fixed(r.p99, 2),
      fixed(r.p999, 2),
      fixed(r.max, 0),
      fixed(r.mean, 2),
      `${fixed(r.p99 / r.median, 1)}×`,
      pino ? `${fixed(r.median / pino.median, 2)}×` : 'n/a',
    ],
  ];
});
console.log(formatTable(header, rows));

const parts = ['input-building', 'winston-noop-plain', 'transport-log'].map((n) => chosen.get(n)?.median);
if (parts.every((p) => p !== undefined)) {
  console.log(
    `\nsum of the three parts' medians (input building + winston with passThroughFormat + transport.log): ${fixed(
      parts.reduce((a, b) => a! + b!, 0)!,
      2,
    )} µs`,
  );
}
if (synclog && pino) {
  const targets = [
    ['synclog median ÷ pino median', synclog.median / pino.median, '≤ 1.5×', synclog.median / pino.median <= 1.5],
    ['synclog p99 ÷ synclog median', synclog.p99 / synclog.median, '≤ 5×', synclog.p99 / synclog.median <= 5],
  ] as const;
  console.log('');
  console.log(
    formatTable(
      ['ratio', 'value', 'target', 'met'],
      targets.map(([label, value, target, met]) => [label, `${fixed(value, 2)}×`, target, met ? 'yes' : 'NO']),
    ),
  );
}
