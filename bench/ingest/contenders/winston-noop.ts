import winston from 'winston';
import Transport from 'winston-transport';
import { passThroughFormat } from '../../../shipper/transport/pass-through-format.ts';
import { RECORD_LEVELS, winstonInfoOf } from '../record-info.ts';
import type { LoggerContender } from './contender-types.ts';

/** A transport that takes every record and does nothing with it. */
class NoopTransport extends Transport {
  received = 0;

  override log(_info: unknown, callback: () => void): void {
    this.received++;
    callback();
  }
}

/**
 * What an application pays for winston alone: the synclog contender's logger (same levels, same
 * `passThroughFormat()`, the same `info` per record) with a transport whose `log()` only calls back.
 * It delivers nothing: its CPU per record is taken off synclog's to compare what the transport
 * itself costs with what `helpers.bulk` costs.
 */
export const winstonNoop: LoggerContender<Record<string, unknown>> = {
  kind: 'logger',
  packages: ['winston'],
  delivers: false,
  prepare: winstonInfoOf,
  async open() {
    const transport = new NoopTransport();
    const logger = winston.createLogger({
      levels: { ...RECORD_LEVELS },
      level: 'debug',
      format: passThroughFormat(),
      transports: [transport],
    });
    return {
      log: (info) => logger.log(info as winston.LogEntry),
      finish: async () => {
        logger.close();
      },
      stats: () => ({ received: transport.received }),
    };
  },
};
