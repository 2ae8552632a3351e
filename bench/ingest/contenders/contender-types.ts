import type { SyncLogRecord } from '../../../opensearch/record/schema.ts';
import type { RecordLines } from '../records-file.ts';

export interface ContenderContext {
  readonly url: string;
  /** The pre-created log index of the contender's own prefix. */
  readonly index: string;
  readonly prefix: string;
  /** Adds a line to the contender's report (what went wrong, what it said). */
  readonly note: (text: string) => void;
}

/** Counters a contender reports beside the measurements: its own view of what happened. */
export type ContenderStats = Record<string, number | string | boolean | null>;

/** A logging library: the application calls it once per record. */
export interface LoggerContender<I> {
  readonly kind: 'logger';
  /** The npm packages it needs; a failed import reports the contender as unavailable. */
  readonly packages: readonly string[];
  /** `false` for a logger that sends nothing (winston with a no-op transport): nothing is counted. */
  readonly delivers?: boolean;
  /** The log call's argument, built by the application: measured apart and subtracted. */
  prepare(record: SyncLogRecord): I;
  /** Builds the logger (not measured). */
  open(context: ContenderContext): Promise<LoggerSession<I>>;
}

export interface LoggerSession<I> {
  log(input: I): void;
  /**
   * What an application does before it exits (close, flush, end); resolves when the library says it
   * is done, or at `remainingMs`.
   */
  finish(remainingMs: number): Promise<void>;
  stats(): ContenderStats;
}

/** A bulk loader: sends `_bulk` bodies itself, no logger in between. */
export interface BulkContender {
  readonly kind: 'bulk';
  readonly packages: readonly string[];
  /**
   * True when `load()` parses each record itself (`lines.record(i)`): that parsing is the
   * application's input, measured apart and subtracted as the loggers' `prepare` is.
   */
  readonly parsesRecords: boolean;
  /** Whatever must exist before the clock starts (the pre-serialised loader builds its bodies). */
  open(context: ContenderContext, lines: RecordLines): Promise<BulkSession>;
}

export interface BulkSession {
  readonly documents: number;
  load(): Promise<void>;
  stats(): ContenderStats;
}

export type Contender = LoggerContender<unknown> | BulkContender;

/** Resolves with `work`, or after `ms` without waiting further. */
export function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))));
  return Promise.race([work.then(() => undefined), limit]).finally(() => clearTimeout(timer));
}
