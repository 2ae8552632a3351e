import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { grouped } from '../shared/format-table.ts';
import { runChild } from '../shared/run-child.ts';
import { dropTarget, prepareTarget, type BenchCluster } from './bench-cluster.ts';
import type { ContenderResult } from './contender-result.ts';
import { RECORDS_FROM } from './records-file.ts';

const CONTENDER_SCRIPT = fileURLToPath(new URL('./contender.ts', import.meta.url));

export interface RunnerSettings {
  readonly cluster: BenchCluster;
  /** The records' NDJSON file. */
  readonly file: string;
  /** Where each child's stderr is kept. */
  readonly workDir: string;
  readonly count: number;
  readonly timeLimitSeconds: number;
  readonly chunk: number;
  readonly progress: (line: string) => void;
}

export interface RunOptions {
  /** Records per second for a steady logger; absent: a burst. */
  readonly rate?: number;
  /** The command the child runs under (`taskset -c 1`). */
  readonly prefix?: readonly string[];
  readonly nodeArgs?: readonly string[];
  /** Stderr file name and progress label; default the index prefix. */
  readonly label?: string;
  /** No progress line (warm-up passes). */
  readonly quiet?: boolean;
}

export interface ContenderRunner {
  run(name: string, indexPrefix: string, options?: RunOptions): Promise<ContenderResult>;
  /** Raw passes, unreported, until two in a row agree within 5 %: a fresh node indexes at half speed. */
  warmUp(maxPasses: number, options?: RunOptions): Promise<number[]>;
}

/** Runs each contender in its own process against a fresh index of its own, then drops the index. */
export function createContenderRunner(settings: RunnerSettings): ContenderRunner {
  const { cluster, file, workDir, count, timeLimitSeconds, progress } = settings;

  async function run(name: string, indexPrefix: string, options: RunOptions = {}): Promise<ContenderResult> {
    const index = await prepareTarget(cluster.client, indexPrefix, RECORDS_FROM);
    const args = [name, '--file', file, '--url', cluster.url, '--prefix', indexPrefix, '--index', index];
    args.push('--time-limit', String(timeLimitSeconds), '--chunk', String(settings.chunk));
    if (options.rate) args.push('--rate', String(Math.round(options.rate)));
    if (cluster.pid !== null) args.push('--server-pid', String(cluster.pid));
    const label = options.label ?? indexPrefix;
    const stderrFile = join(workDir, `${label}.stderr.log`);
    const began = performance.now();
    const outcome = await runChild<ContenderResult>(CONTENDER_SCRIPT, args, {
      timeoutMs: (timeLimitSeconds + 180) * 1000,
      stderrFile,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    });
    // A contender that dies (a peer running out of memory) still delivered something: count it here.
    const result = outcome.result ?? {
      name,
      status: 'failed' as const,
      reason: `${crashReason(stderrFile, outcome.stderrTail)} after ${((performance.now() - began) / 1000).toFixed(0)} s (process start-up included)`,
      expected: count,
      counted: await countIndex(index),
      notes: [],
    };
    await dropTarget(cluster.client, indexPrefix);
    if (!options.quiet) {
      const counted = `${grouped(result.counted ?? 0)}/${grouped(count)} counted`;
      progress(
        `${label}: ${result.status === 'ok' ? `${grouped(result.docsPerSecond ?? 0)} docs/s, ${counted} (${result.end})` : `${result.status}: ${result.reason}; ${counted}`}`,
      );
    }
    return result;
  }

  async function warmUp(maxPasses: number, options: RunOptions = {}): Promise<number[]> {
    const rates: number[] = [];
    for (let pass = 1; pass <= maxPasses; pass++) {
      const result = await run('raw', 'bench-warm', { ...options, quiet: true });
      rates.push(result.docsPerSecond ?? 0);
      const [a, b] = rates.slice(-2);
      const agree = rates.length >= 2 && Math.abs(a! - b!) <= 0.05 * Math.max(a!, b!);
      progress(
        `warm-up pass ${pass}: ${grouped(result.docsPerSecond ?? 0)} docs/s${agree ? ' (agrees with the previous pass within 5 %)' : ''}`,
      );
      if (agree) return rates;
    }
    progress(`warm-up: no two passes agreed within 5 % in ${maxPasses}; the numbers below may drift`);
    return rates;
  }

  async function countIndex(index: string): Promise<number | undefined> {
    try {
      await cluster.client.indices.refresh({ index });
      return ((await cluster.client.count({ index })).body as { count: number }).count;
    } catch {
      return undefined;
    }
  }

  return { run, warmUp };
}

function crashReason(stderrFile: string, tail: readonly string[]): string {
  let text = '';
  try {
    text = readFileSync(stderrFile, 'utf8');
  } catch {
    // The stream may not have been flushed yet; the tail says enough.
  }
  const fatal = /FATAL ERROR: .*/.exec(text)?.[0];
  return fatal ? `crashed: ${fatal}` : `exited without a result: ${tail.join(' | ')}`;
}
