import winston from 'winston';
import TransportStream from 'winston-transport';
import { normaliseRecord, type Normalised } from '../record/normalise-record.ts';

/**
 * A real winston logger whose only transport keeps every `info` in memory, for tests of code that
 * logs: what reaches a transport, and the records normalise-record makes of it.
 */
export interface CaptureLogger {
  readonly logger: winston.Logger;
  /** The `info` objects the transport received, in order. */
  readonly infos: ReadonlyArray<Record<string, unknown>>;
  /** Each captured `info` through normalise-record, at `now` (default: 2025-01-15T10:00:00Z). */
  normalised(now?: number): Normalised[];
}

export interface CaptureLoggerOptions {
  /** Default `debug`, so every npm level is captured. */
  readonly level?: string;
  /** Default winston's npm levels. */
  readonly levels?: winston.config.AbstractConfigSetLevels;
  readonly defaultMeta?: Record<string, unknown>;
}

const DEFAULT_NOW = Date.parse('2025-01-15T10:00:00.000Z');

class CaptureTransport extends TransportStream {
  readonly infos: Array<Record<string, unknown>> = [];

  override log(info: Record<string, unknown>, next: () => void): void {
    this.infos.push(info);
    next();
  }
}

export function createCaptureLogger(options: CaptureLoggerOptions = {}): CaptureLogger {
  const transport = new CaptureTransport();
  const logger = winston.createLogger({
    level: options.level ?? 'debug',
    ...(options.levels ? { levels: options.levels } : {}),
    ...(options.defaultMeta ? { defaultMeta: options.defaultMeta } : {}),
    transports: [transport],
  });
  return {
    logger,
    infos: transport.infos,
    normalised: (now = DEFAULT_NOW) =>
      transport.infos.map((info, seq) =>
        normaliseRecord(info, {
          now,
          producerId: 'capture-test',
          producerSeq: seq,
          service: { name: 'synclog-test', environment: 'test' },
        }),
      ),
  };
}
