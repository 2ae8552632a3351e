import winston from 'winston';
import { RECORD_LEVELS } from '../record-info.ts';
import { within, type LoggerContender } from './contender-types.ts';

/**
 * winston-opensearch at its defaults (2 s flush interval, unbounded buffer, the whole buffer in one
 * bulk request per flush, auto-generated ids). Configured only where it must be: the node, the
 * contender's index, and a transformer that writes the record itself (the default one nests every
 * field under `fields`, which the strict record mapping refuses).
 */
export const winstonOpenSearch: LoggerContender<Record<string, unknown>> = {
  kind: 'logger',
  packages: ['winston-opensearch'],
  // The stored record as winston meta: the document it writes is the record, field for field.
  prepare: (record) => ({ ...record }),
  async open({ url, index, note }) {
    const { OpensearchTransport } = await import('winston-opensearch');
    let warnings = 0;
    const transport = new OpensearchTransport({
      clientOpts: { node: url },
      index,
      transformer: ({ message, level, meta }) => ({ ...meta, level, message }),
    });
    transport.on('warning', (error: unknown) => {
      if (warnings++ === 0) note(`first warning: ${describe(error)}`);
    });
    transport.on('error', (error: unknown) => note(`error: ${describe(error)}`));
    const logger = winston.createLogger({ levels: { ...RECORD_LEVELS }, level: 'debug', transports: [transport] });
    return {
      log: (info) => logger.log(info as winston.LogEntry),
      // Its public `flush()` sends the whole buffer once; its timer goes on retrying what failed.
      finish: (remainingMs) => within(transport.flush(), remainingMs),
      stats: () => ({ warnings }),
    };
  },
};

function describe(error: unknown): string {
  const e = error as { message?: string; meta?: { statusCode?: number } };
  return `${e?.meta?.statusCode ? `HTTP ${e.meta.statusCode} ` : ''}${String(e?.message ?? error)}`.slice(0, 200);
}
