import { spawn } from 'node:child_process';
import { once } from 'node:events';

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
