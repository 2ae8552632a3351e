import { within, type LoggerContender } from './contender-types.ts';

type PinoInput = { level: string; fields: Record<string, unknown> };

/**
 * pino + pino-opensearch at its defaults (1 000-byte bulk requests, 5 in flight, 30 s flush
 * interval, `index` actions with generated ids). pino is configured only to print the record's own
 * shape (level names, `message`, no pid/hostname); `variant` decides pino's `time` field:
 *
 * - `defaults`: pino's default `time` stays. pino-opensearch then builds the index name from a
 *   number (`time.substring` throws) for every record that carries its own `@timestamp`.
 * - `workaround`: `timestamp: false`; the record's `@timestamp` names the index and nothing throws.
 */
export function pinoOpenSearch(variant: 'defaults' | 'workaround'): LoggerContender<PinoInput> {
  return {
    kind: 'logger',
    packages: ['pino', 'pino-opensearch'],
    prepare: ({ level, ...fields }) => ({ level, fields }),
    async open({ url, index, note }) {
      const { default: pino } = await import('pino');
      const { default: openSearchStream } = await import('pino-opensearch');
      const counts = { inserted: 0, insertErrors: 0, streamErrors: 0, unknown: 0 };
      const stream = openSearchStream({ node: url, index });
      const settled = new Promise<void>((resolve) => {
        stream.once('insert', (stats: { successful?: number; failed?: number }) => {
          counts.inserted = stats.successful ?? 0;
          resolve();
        });
        stream.once('close', () => resolve());
      });
      stream.on('error', (error: Error) => {
        if (counts.streamErrors++ === 0) note(`first stream error: ${error.message.slice(0, 200)}`);
      });
      stream.on('insertError', () => counts.insertErrors++);
      stream.on('unknown', () => counts.unknown++);
      const logger = pino(
        {
          base: null,
          messageKey: 'message',
          customLevels: { notice: 35, critical: 55 },
          level: 'debug',
          formatters: { level: (label) => ({ level: label }) },
          ...(variant === 'workaround' ? { timestamp: false } : {}),
        },
        stream,
      );
      const methods = logger as unknown as Record<string, (fields: Record<string, unknown>) => void>;
      return {
        log: ({ level, fields }) => methods[level]!.call(logger, fields),
        finish(remainingMs) {
          stream.end();
          return within(settled, remainingMs);
        },
        stats: () => ({ ...counts }),
      };
    },
  };
}
