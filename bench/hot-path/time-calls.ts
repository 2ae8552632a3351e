import { performance } from 'node:perf_hooks';
import type { PreparedCase } from './cases.ts';

export interface CallTimes {
  readonly calls: number;
  /** Microseconds per call. */
  readonly median: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * Times every call on its own (`performance.now()`, monotonic, sub-microsecond), so the tail is
 * visible: a GC pause or a slow path shows in p99, not averaged away.
 */
export function timeCalls(prepared: PreparedCase, calls: number, offset = 0): CallTimes {
  const samples = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const arg = prepared.arg(offset + i);
    const started = performance.now();
    prepared.call(arg, offset + i);
    samples[i] = performance.now() - started;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(calls - 1, Math.floor(q * calls))]! * 1000;
  let total = 0;
  for (const s of samples) total += s;
  return {
    calls,
    median: at(0.5),
    p99: at(0.99),
    p999: at(0.999),
    max: samples[calls - 1]! * 1000,
    mean: (total / calls) * 1000,
  };
}
