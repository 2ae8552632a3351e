import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The measured window of a profiled process, in the profile's clock (monotonic, µs). */
export interface ProfileWindow {
  readonly pid: number;
  readonly fromMicros: number;
  readonly toMicros: number;
}

export const windowFile = (dir: string, pid: number) => join(dir, `window-${pid}.json`);

/**
 * Under `--cpu-prof-dir`, leaves the measured window beside the profile, so a summary can leave out
 * start-up and the input measured apart. V8 stamps its samples with the monotonic clock that
 * `process.hrtime` reads, in microseconds.
 */
export function markProfileWindow(from: bigint, to: bigint): void {
  const dir = process.execArgv.find((a) => a.startsWith('--cpu-prof-dir='))?.slice('--cpu-prof-dir='.length);
  if (!dir) return;
  // V8 creates the directory only when it writes the profile, at exit.
  mkdirSync(dir, { recursive: true });
  const window: ProfileWindow = { pid: process.pid, fromMicros: Number(from / 1000n), toMicros: Number(to / 1000n) };
  writeFileSync(windowFile(dir, process.pid), JSON.stringify(window));
}
