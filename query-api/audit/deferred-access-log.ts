import type { AccessLogWriter } from './access-log-writer.ts';

export interface DeferredAccessLog {
  /** The writer routes record accesses through; the real one is opened on first use. */
  readonly writer: AccessLogWriter;
  /** Opens the real writer now (idempotent). */
  open(): void;
}

/**
 * An access log opened when the service starts rather than when it is assembled: a writer with a
 * write-ahead log replays what an earlier process left as soon as it exists, and that must wait
 * until `serve` has applied setup (the access log's index template among it).
 */
export function deferredAccessLog(openWriter: () => AccessLogWriter): DeferredAccessLog {
  let opened: AccessLogWriter | null = null;
  const get = () => (opened ??= openWriter());
  return {
    writer: {
      write: (entry) => get().write(entry),
      flush: () => opened?.flush() ?? Promise.resolve(),
      close: () => opened?.close() ?? Promise.resolve(),
    },
    open: () => void get(),
  };
}
