/**
 * The application side of the outage benchmark, in its own process so its memory and CPU are its
 * own: logs generated sync records at a steady rate through winston and OpenSearchTransport from
 * `--start-at` for `--seconds`, samples itself every 250 ms, closes the transport and prints the
 * timeline as a JSON line for `run.ts`.
 *
 *   node --import tsx bench/outage/producer.ts --url U --prefix P --spool-dir D --start-at MS
 *        [--seconds 140] [--rate 3000] [--max-queue-mb 32]
 */
import { parseArgs } from 'node:util';
import winston from 'winston';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { OpenSearchTransport } from '../../shipper/transport/opensearch-transport.ts';
import { passThroughFormat } from '../../shipper/transport/pass-through-format.ts';
import { RECORD_LEVELS, winstonInfoOf } from '../ingest/record-info.ts';
import { RECORDS_FROM, RECORDS_TO } from '../ingest/records-file.ts';
import { reportAndExit } from '../shared/run-child.ts';
import type { ProducerResult, Sample } from './producer-result.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    prefix: { type: 'string' },
    'spool-dir': { type: 'string' },
    'start-at': { type: 'string' },
    seconds: { type: 'string', default: '140' },
    rate: { type: 'string', default: '3000' },
    'max-queue-mb': { type: 'string', default: '32' },
  },
});
if (!values.url || !values.prefix || !values['spool-dir'] || !values['start-at']) {
  process.stderr.write(
    'usage: producer.ts --url U --prefix P --spool-dir D --start-at MS [--seconds S] [--rate R] [--max-queue-mb M]\n',
  );
  process.exit(2);
}
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const maxQueueBytes = Number(values['max-queue-mb']) * 1024 * 1024;

// Inputs built before the clock starts: 20,000 generated records, logged round and round.
const infos = generateRecords({ seed: 3, count: 20_000, from: RECORDS_FROM, to: RECORDS_TO }).map(winstonInfoOf);

const client = createOpenSearchClient({ urls: [values.url] });
// The transport's health checks while the cluster is down, counted where they are made.
const probes: number[] = [];
const info = client.info.bind(client);
client.info = ((...args: Parameters<typeof info>) => {
  probes.push(Date.now());
  return info(...args);
}) as typeof client.info;

const transport = new OpenSearchTransport({
  client,
  service: 'bench-outage',
  producerName: 'outage',
  indexPrefix: values.prefix,
  spoolDir: values['spool-dir'],
  maxQueueBytes,
});
const logger = winston.createLogger({
  levels: { ...RECORD_LEVELS },
  level: 'debug',
  format: passThroughFormat(),
  transports: [transport],
});
const counts = { delivered: 0, spooled: 0, dropped: 0, deadLettered: 0 };
const events: Array<{ at: number; type: string }> = [];
transport.on('delivered', (e: { records: number }) => (counts.delivered += e.records));
transport.on('spooled', (e: { records: number }) => (counts.spooled += e.records));
transport.on('dropped', (e: { records: number }) => (counts.dropped += e.records));
transport.on('dead-letter', (e: { records: number }) => (counts.deadLettered += e.records));
transport.on('outage', () => events.push({ at: Date.now(), type: 'outage' }));
transport.on('recovered', () => events.push({ at: Date.now(), type: 'recovered' }));

const startAt = Number(values['start-at']);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));

let logged = 0;
const samples: Sample[] = [];
const sample = () => {
  const stats = transport.stats();
  const cpu = process.cpuUsage();
  samples.push({
    at: Date.now(),
    logged,
    delivered: counts.delivered,
    spooled: counts.spooled,
    queueBytes: stats.queuedBytes,
    spoolRecords: stats.spool.records,
    rssBytes: process.memoryUsage.rss(),
    heapUsedBytes: process.memoryUsage().heapUsed,
    cpuMicros: cpu.user + cpu.system,
  });
};
sample();
const sampler = setInterval(sample, 250);

// A steady rate: every 20 ms, whatever is due by then.
const endAt = startAt + seconds * 1000;
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const now = Date.now();
    const due = Math.min(Math.floor(((Math.min(now, endAt) - startAt) / 1000) * rate), rate * seconds);
    for (; logged < due; logged++) logger.log(infos[logged % infos.length] as winston.LogEntry);
    if (now >= endAt) {
      clearInterval(tick);
      resolve();
    }
  }, 20);
});
const loggingEndedAt = Date.now();
const report = await transport.close({ timeoutMs: 300_000 });
sample();
clearInterval(sampler);
await client.close();

const result: ProducerResult = {
  logged,
  ...counts,
  undelivered: report.undelivered,
  maxQueueBytes,
  startAt,
  loggingEndedAt,
  probes,
  events,
  samples,
};
reportAndExit(result);
