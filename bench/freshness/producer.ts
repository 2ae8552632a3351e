/**
 * The application side of the freshness benchmark, in its own process: logs generated sync records
 * at a steady rate through a default winston logger and OpenSearchTransport (its defaults: spool on,
 * write-ahead off), each record's event time set to its log call. The time of every call, in call
 * order, goes to `--calls-file` as float64 wall-clock ms: call i carries `producer_seq` i, so the
 * watcher maps what it sees back to when it was logged.
 *
 *   node --import tsx bench/freshness/producer.ts --url U --prefix P --spool-dir D --calls-file F
 *        [--seconds 30] [--rate 1000]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import winston from 'winston';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { resolveShipperOptions } from '../../shipper/options/shipper-options.ts';
import { OpenSearchTransport } from '../../shipper/transport/opensearch-transport.ts';
import { passThroughFormat } from '../../shipper/transport/pass-through-format.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { RECORD_LEVELS, winstonInfoOf } from '../ingest/record-info.ts';
import { RECORDS_FROM, RECORDS_TO } from '../ingest/records-file.ts';
import { reportAndExit } from '../shared/run-child.ts';
import { recordBulkAcks } from './bulk-acks.ts';
import { wallNow, type ProducerResult } from './producer-result.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    prefix: { type: 'string' },
    'spool-dir': { type: 'string' },
    'calls-file': { type: 'string' },
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '1000' },
  },
});
if (!values.url || !values.prefix || !values['spool-dir'] || !values['calls-file']) {
  process.stderr.write('usage: producer.ts --url U --prefix P --spool-dir D --calls-file F [--seconds S] [--rate R]\n');
  process.exit(2);
}
const rate = Number(values.rate);
const total = Math.round(rate * Number(values.seconds));
const transportOptions = { service: 'bench-freshness', producerName: 'freshness', indexPrefix: values.prefix };
const spoolDir = values['spool-dir'];

// Inputs built before the clock starts: 20,000 generated records, logged round and round.
const infos = generateRecords({ seed: 5, count: 20_000, from: RECORDS_FROM, to: RECORDS_TO }).map(winstonInfoOf);

const client = createOpenSearchClient({ urls: [values.url] });
const acks = recordBulkAcks(client);
const transport = new OpenSearchTransport({ client, ...transportOptions, spoolDir });
const logger = winston.createLogger({
  levels: { ...RECORD_LEVELS },
  level: 'debug',
  format: passThroughFormat(),
  transports: [transport],
});
const counts = { delivered: 0, spooled: 0, dropped: 0, deadLettered: 0 };
transport.on('delivered', (e: { records: number }) => (counts.delivered += e.records));
transport.on('spooled', (e: { records: number }) => (counts.spooled += e.records));
transport.on('dropped', (e: { records: number }) => (counts.dropped += e.records));
transport.on('dead-letter', (e: { records: number }) => (counts.deadLettered += e.records));
transport.on('warning', (e: { message: string }) => process.stderr.write(`${e.message}\n`));

// The transport's start-up (setup drift check, first probe) is not what a running service sees.
await new Promise((resolve) => setTimeout(resolve, 1_000));

const calls = new Float64Array(total);
let logged = 0;
const cpuBefore = process.cpuUsage();
const startAt = wallNow();
// A steady rate: every 10 ms, whatever is due by then; each call's time is taken just before it.
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor(((wallNow() - startAt) / 1000) * rate));
    for (; logged < due; logged++) {
      const at = wallNow();
      calls[logged] = at;
      const info = infos[logged % infos.length]!;
      const entry: Record<string, unknown> = { ...info, '@timestamp': new Date(Math.floor(at)).toISOString() };
      logger.log(entry as winston.LogEntry);
    }
    if (logged >= total) {
      clearInterval(tick);
      resolve();
    }
  }, 10);
});
const report = await transport.close({ timeoutMs: 120_000 });
const cpu = process.cpuUsage(cpuBefore);
await client.close();
writeFileSync(values['calls-file'], new Uint8Array(calls.buffer, 0, logged * 8));

const resolved = resolveShipperOptions({ ...transportOptions, spoolDir });
const result: ProducerResult = {
  logged,
  ...counts,
  undelivered: report.undelivered,
  firstCallAt: calls[0] ?? NaN,
  lastCallAt: calls[logged - 1] ?? NaN,
  acks,
  cpuMicros: cpu.user + cpu.system,
  options: {
    flushIntervalMs: resolved.flushIntervalMs,
    batchRecords: resolved.batchRecords,
    maxInFlight: resolved.maxInFlight,
    spool: resolved.spoolDir !== false,
    writeAhead: resolved.writeAhead,
  },
};
reportAndExit(result);
