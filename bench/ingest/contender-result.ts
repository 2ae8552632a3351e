import type { ContenderStats } from './contenders/index.ts';
import type { Counted } from './count-until.ts';

/** What one contender's process reports to the runner. */
export interface ContenderResult {
  readonly name: string;
  readonly status: 'ok' | 'unavailable' | 'failed';
  /** Why it is unavailable or failed. */
  readonly reason?: string;
  readonly expected: number;
  /** Records the application got to log within the time limit (a slow logger may not log them all). */
  readonly logged?: number;
  readonly counted?: number;
  readonly end?: Counted['end'] | 'nothing to count';
  /** From the first log call (or bulk request) until the final count was known. */
  readonly seconds?: number;
  readonly docsPerSecond?: number;
  /** The steady rate it logged at; `null` when it logged as fast as it could (a burst). */
  readonly ratePerSecond?: number | null;
  /** How long the log calls themselves took (loggers only). */
  readonly logSeconds?: number | null;
  /** Process CPU (user + system, all threads) over `seconds`. */
  readonly cpuMicros?: number;
  /** CPU of parsing the records and building the log calls' arguments, measured apart: subtracted below. */
  readonly inputCpuMicros?: number;
  /** (cpuMicros − the logged records' share of inputCpuMicros) ÷ records logged. */
  readonly cpuPerDoc?: number;
  /** The same ÷ records counted in OpenSearch; `null` when none arrived. */
  readonly cpuPerDelivered?: number | null;
  /** OpenSearch's CPU time (utime + stime of its process) over the same window; `null` unread. */
  readonly serverCpuMicros?: number | null;
  /** The same ÷ records counted. */
  readonly serverCpuPerDelivered?: number | null;
  /** Before the first log call: the runtime plus the input file held in memory. */
  readonly rssStartMb?: number;
  readonly peakRssMb?: number;
  /** JS heap used before the first call, and its peak (sampled every 250 ms) until the final count. */
  readonly heapStartMb?: number;
  readonly peakHeapMb?: number;
  readonly stats?: ContenderStats;
  readonly notes: readonly string[];
}
