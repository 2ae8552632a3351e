import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Runs `synclog` as a user would, with a clean environment plus `env`; resolves once it exits. */
export async function runSynclog(args: string[], env: Record<string, string>) {
  const { PATH, HOME, SYNCLOG_HOME } = process.env;
  const child = spawn(process.execPath, ['bin/synclog.js', ...args], {
    env: { PATH, HOME, ...(SYNCLOG_HOME ? { SYNCLOG_HOME } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(child, 'exit');
  return { code: code as number, lines: stdout.trimEnd().split('\n'), stderr: stderr.trim() };
}

/** Starts `synclog` as a user would, with a clean environment plus `env`, and follows its output. */
export function startSynclog(args: string[], env: Record<string, string>) {
  const { PATH, HOME, SYNCLOG_HOME } = process.env;
  const child = spawn(process.execPath, ['bin/synclog.js', ...args], {
    env: { PATH, HOME, ...(SYNCLOG_HOME ? { SYNCLOG_HOME } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const stdoutLines = createInterface({ input: child.stdout });
  stdoutLines.on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const exited = once(child, 'exit').then(([code]) => code as number);
  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
  const lineMatching = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      stdoutLines.on('line', (line) => pattern.test(line) && resolve(line));
      void exited.then(() =>
        reject(new Error(`exited before printing ${pattern}:\n${lines.join('\n')}\n${stderr.join('\n')}`)),
      );
    });
  return { child, lines, stderr, exited, lineMatching };
}
