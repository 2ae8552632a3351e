import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { createOpenSearchClient } from '../../../opensearch/client/create-client.ts';
import { OpenSearchTransport } from '../../../shipper/transport/opensearch-transport.ts';
import { passThroughFormat } from '../../../shipper/transport/pass-through-format.ts';
import { RECORD_LEVELS, winstonInfoOf } from '../record-info.ts';
import { within, type LoggerContender } from './contender-types.ts';

/**
 * synclog as the README sets it up: a winston logger with passThroughFormat() and OpenSearchTransport at its
 * defaults (its own spool directory, so a spool left by an earlier run is never replayed here).
 */
export const synclog: LoggerContender<Record<string, unknown>> = {
  kind: 'logger',
  packages: ['winston'],
  prepare: winstonInfoOf,
  async open({ url, prefix, note }) {
    const spoolDir = mkdtempSync(join(tmpdir(), 'synclog-bench-spool-'));
    const client = createOpenSearchClient({ urls: [url] });
    const transport = new OpenSearchTransport({ client, service: 'bench', indexPrefix: prefix, spoolDir });
    const counts = { delivered: 0, deliveries: 0, retrying: 0, spooled: 0, deadLettered: 0, dropped: 0, outages: 0 };
    transport.on('delivered', (e: { records: number }) => {
      counts.delivered += e.records;
      counts.deliveries++;
    });
    transport.on('retrying', (e: { records: number }) => (counts.retrying += e.records));
    transport.on('spooled', (e: { records: number }) => (counts.spooled += e.records));
    transport.on('dead-letter', (e: { records: number; reason: string }) => {
      if (counts.deadLettered === 0) note(`dead letter: ${e.reason}`);
      counts.deadLettered += e.records;
    });
    transport.on('dropped', (e: { records: number; reason: string }) => {
      if (counts.dropped === 0) note(`dropped: ${e.reason}`);
      counts.dropped += e.records;
    });
    transport.on('outage', (e: { reason: string }) => {
      counts.outages++;
      note(`outage: ${e.reason}`);
    });
    transport.on('warning', (e: { message: string }) => note(e.message));
    const logger = winston.createLogger({
      levels: { ...RECORD_LEVELS },
      level: 'debug',
      format: passThroughFormat(),
      transports: [transport],
    });
    let undelivered: number | null = null;
    return {
      log: (info) => logger.log(info as winston.LogEntry),
      async finish(remainingMs) {
        // The default close timeout is 10 s; here it gets the benchmark's whole time limit.
        await within(
          transport.close({ timeoutMs: remainingMs }).then((report) => (undelivered = report.undelivered)),
          remainingMs,
        );
        await client.close();
        rmSync(spoolDir, { recursive: true, force: true });
      },
      stats: () => ({ ...counts, undelivered }),
    };
  },
};
