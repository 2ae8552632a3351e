import { affinityOf, onCpus, setAffinity } from './pinning.ts';
import type { ContenderRunner } from './contender-runner.ts';
import type { ContenderResult } from './contender-result.ts';

/** The labels the tables and ratios use. */
export const LABELS = {
  rawFirst: 'raw (first)',
  rawLast: 'raw (last)',
  synclog: 'synclog',
  steady: 'synclog (steady)',
  helpersBulk: 'helpers.bulk',
  rawSerialising: 'raw (serialising)',
  winstonNoop: 'winston + no-op transport',
  winstonOpenSearch: 'winston-opensearch',
  pino: 'pino-opensearch',
  pinoWorkaround: 'pino-opensearch (workaround)',
} as const;

export type Mode = 'shared' | 'pinned';

export interface IngestRun {
  readonly mode: Mode;
  readonly label: string;
  readonly result: ContenderResult;
}

/** Between the two raw runs, in this order; `--only` picks among them by `name`. */
const CONTENDERS = [
  { name: 'synclog', label: LABELS.synclog },
  { name: 'synclog-steady', label: LABELS.steady },
  { name: 'helpers-bulk', label: LABELS.helpersBulk },
  { name: 'raw-serialising', label: LABELS.rawSerialising },
  { name: 'winston-noop', label: LABELS.winstonNoop },
  { name: 'winston-opensearch', label: LABELS.winstonOpenSearch },
  { name: 'pino-opensearch', label: LABELS.pino },
  { name: 'pino-opensearch-workaround', label: LABELS.pinoWorkaround },
] as const;

export interface PlanOptions {
  readonly only: readonly string[] | null;
  readonly maxWarmup: number;
  /** The steady synclog run logs at this fraction of the first raw run's docs/s. */
  readonly steadyFraction: number;
  /** Node flags for the synclog burst run (`--cpu-prof`). */
  readonly profileArgs: readonly string[] | null;
  readonly progress: (line: string) => void;
}

export interface ModeOutcome {
  readonly warmup: number[];
  readonly runs: IngestRun[];
}

/**
 * One pass over every contender in `mode`. Pinned: every thread of the OpenSearch process on core 0
 * and each contender started on core 1, the node's own affinity put back afterwards.
 */
export async function runMode(
  runner: ContenderRunner,
  mode: Mode,
  serverPid: number | null,
  options: PlanOptions,
): Promise<ModeOutcome> {
  let restore: (() => void) | null = null;
  if (mode === 'pinned') {
    if (serverPid === null) throw new Error('the OpenSearch process was not found: cannot pin it');
    const previous = affinityOf(serverPid);
    setAffinity(serverPid, '0');
    restore = () => setAffinity(serverPid, previous);
    // An interrupted run must not leave the node on one core.
    process.once('SIGINT', () => {
      restore?.();
      process.exit(130);
    });
    options.progress(`pinned: OpenSearch (pid ${serverPid}) to core 0 (was ${previous}), contenders to core 1`);
  }
  const prefix = mode === 'pinned' ? onCpus('1') : undefined;
  const base = prefix ? { prefix } : {};
  const run = (name: string, label: string, extra: Parameters<ContenderRunner['run']>[2] = {}) =>
    runner.run(name, `bench-${name}`, {
      ...base,
      label: `${mode}-${label.replace(/\W+/g, '-').replace(/-$/, '')}`,
      ...extra,
    });
  try {
    const warmup = await runner.warmUp(options.maxWarmup, base);
    const runs: IngestRun[] = [];
    const first = await run('raw', LABELS.rawFirst);
    runs.push({ mode, label: LABELS.rawFirst, result: first });
    for (const c of CONTENDERS.filter((x) => !options.only || options.only.includes(x.name))) {
      const steady = c.name === 'synclog-steady';
      const extra =
        steady && first.docsPerSecond
          ? { rate: first.docsPerSecond * options.steadyFraction }
          : !steady && c.name === 'synclog' && options.profileArgs
            ? { nodeArgs: options.profileArgs }
            : {};
      if (steady && !first.docsPerSecond) continue;
      runs.push({ mode, label: c.label, result: await run(steady ? 'synclog' : c.name, c.label, extra) });
    }
    runs.push({ mode, label: LABELS.rawLast, result: await run('raw', LABELS.rawLast) });
    return { warmup, runs };
  } finally {
    if (restore) {
      restore();
      options.progress(`OpenSearch's affinity restored`);
    }
  }
}
