import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** The line a child prints to hand its result to the parent; everything else on stdout is ignored. */
export const RESULT_MARKER = 'BENCH_RESULT ';

export interface ChildOutcome<T> {
  /** `null` when the child printed no result line (it crashed, or was killed at the time limit). */
  readonly result: T | null;
  readonly exitCode: number | null;
  /** The last lines of its stderr, for the report when something went wrong. */
  readonly stderrTail: string[];
}

export interface RunChildOptions {
  /** Killed (SIGKILL, by pid) after this long. */
  readonly timeoutMs: number;
  /** Where the child's stderr goes in full; peers can be loud. */
  readonly stderrFile: string;
  /** A command the child runs under, e.g. `['taskset', '-c', '1']` to keep it on one core. */
  readonly prefix?: readonly string[];
  /** Flags for node itself, before `--import tsx` (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

/**
 * Runs `node --import tsx <script> ...args` in its own process, so that its CPU time and memory
 * are its own, and returns the JSON it printed after `RESULT_MARKER`.
 */
export function runChild<T>(
  script: string,
  args: readonly string[],
  options: RunChildOptions,
): Promise<ChildOutcome<T>> {
  return new Promise((resolve) => {
    const [command, ...commandArgs] = [
      ...(options.prefix ?? []),
      process.execPath,
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      script,
      ...args,
    ];
    const child = spawn(command!, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderrFile = createWriteStream(options.stderrFile);
    const tail: string[] = [];
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderrFile.write(chunk);
      for (const line of chunk.split('\n')) if (line.trim()) tail.push(line.slice(0, 300));
      if (tail.length > 40) tail.splice(0, tail.length - 20);
    });
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), options.timeoutMs);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      stderrFile.end();
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      resolve({
        result: line ? (JSON.parse(line.slice(RESULT_MARKER.length)) as T) : null,
        exitCode,
        stderrTail: tail.slice(-8),
      });
    });
  });
}

/** What a child calls last: prints its result for `runChild` and exits (peers leave timers behind). */
export function reportAndExit(result: unknown): never {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
  process.exit(0);
}
