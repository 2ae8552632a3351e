/**
 * Runs ONE contender in this process, so its CPU time and memory are its own, and prints its
 * result as a JSON line for `run.ts`:
 *
 *   node --import tsx bench/ingest/contender.ts <name> --file F --url U --prefix P --index I [--time-limit 120]
 *                                               [--chunk 1000] [--rate N] [--server-pid PID]
 *
 * `--rate` logs N records a second instead of as fast as possible; `--server-pid` samples the
 * OpenSearch process's CPU time at the edges of the measured window.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { reportAndExit } from '../shared/run-child.ts';
import { CONTENDERS, type ContenderContext } from './contenders/index.ts';
import type { BulkSession, LoggerContender, LoggerSession } from './contenders/contender-types.ts';
import { countUntil, type Counted } from './count-until.ts';
import type { ContenderResult } from './contender-result.ts';
import { logRecords } from './log-loop.ts';
import { readRecordLines } from './records-file.ts';
import { markProfileWindow } from './profile-window.ts';
import { processCpuMicros } from './server-cpu.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' },
    url: { type: 'string' },
    prefix: { type: 'string' },
    index: { type: 'string' },
    'time-limit': { type: 'string', default: '120' },
    chunk: { type: 'string', default: '1000' },
    rate: { type: 'string' },
    'server-pid': { type: 'string' },
  },
});
const name = positionals[0] ?? '';
const contender = CONTENDERS[name];
if (!contender || !values.file || !values.url || !values.prefix || !values.index) {
  process.stderr.write(
    `usage: contender.ts <${Object.keys(CONTENDERS).join('|')}> --file F --url U --prefix P --index I\n`,
  );
  process.exit(2);
}
const timeLimitMs = Number(values['time-limit']) * 1000;
const chunk = Number(values.chunk);
const ratePerSecond = values.rate ? Number(values.rate) : undefined;
const serverPid = values['server-pid'] ? Number(values['server-pid']) : null;
const delivers = contender.kind === 'bulk' || contender.delivers !== false;
const notes: string[] = [];
const note = (text: string) => notes.length < 12 && notes.push(text);
// Peers throw from timers and promises; the measurement goes on and the report says so.
process.on('uncaughtException', (error) => note(`uncaught: ${String(error?.message ?? error).slice(0, 200)}`));
process.on('unhandledRejection', (error) =>
  note(`unhandled rejection: ${String((error as Error)?.message ?? error).slice(0, 200)}`),
);

const lines = readRecordLines(values.file);
const context: ContenderContext = { url: values.url, index: values.index, prefix: values.prefix, note };
const counter = createOpenSearchClient({ urls: [values.url], requestTimeoutMs: 60_000 });
const base = { name, expected: lines.count, notes };

let bulk: BulkSession | null = null;
let session: LoggerSession<unknown> | null = null;
try {
  if (contender.kind === 'bulk') bulk = await contender.open(context, lines);
  else session = await contender.open(context);
} catch (error) {
  const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
  reportAndExit({
    ...base,
    status: missing ? 'unavailable' : 'failed',
    reason: String((error as Error).message ?? error).slice(0, 300),
  });
}

// The application's share (parsing the stored record, building the log call's argument), measured
// apart on the same records so it can be taken out of the contender's CPU time.
let inputCpuMicros = 0;
if (contender.kind === 'logger' || contender.parsesRecords) {
  const build = contender.kind === 'logger' ? contender.prepare : (record: unknown) => record;
  const before = process.cpuUsage();
  for (let i = 0; i < lines.count; i++) build(lines.record(i));
  const spent = process.cpuUsage(before);
  inputCpuMicros = spent.user + spent.system;
}

// The JS heap, sampled: RSS also counts what V8 keeps reserved, which says little about the logger.
let peakHeapUsed = 0;
const heapSampler = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 250);
const rssStart = process.memoryUsage.rss();
const heapStart = process.memoryUsage().heapUsed;
const windowFrom = process.hrtime.bigint();
const serverBefore = serverPid === null ? null : processCpuMicros(serverPid);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const deadline = started + timeLimitMs;
let logEnded = started;
let loggedCount = lines.count;
let logged: Promise<void>;
let done: Promise<void>;
if (bulk) {
  done = bulk.load();
  logged = done;
} else {
  const s = session!;
  const c = contender as LoggerContender<unknown>;
  const log = (i: number) => s.log(c.prepare(lines.record(i)));
  logged = logRecords(log, lines.count, { chunk, deadline, ratePerSecond, note }).then((n) => {
    loggedCount = n;
    logEnded = performance.now();
  });
  done = logged.then(() => s.finish(deadline - performance.now()));
}
done.catch((error: unknown) => note(`finish failed: ${String((error as Error)?.message ?? error).slice(0, 200)}`));
// A logger that delivers nothing is done when it says so; there is nothing to count.
const counted: Counted | { count: 0; at: number; end: 'nothing to count' } = delivers
  ? await countUntil({ client: counter, index: values.index, expected: lines.count, deadline, logged, done })
  : await done.then(() => ({ count: 0, at: performance.now(), end: 'nothing to count' as const }));
const cpu = process.cpuUsage(cpuBefore);
markProfileWindow(windowFrom, process.hrtime.bigint());
const serverAfter = serverPid === null ? null : processCpuMicros(serverPid);
const serverCpuMicros = serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : null;
clearInterval(heapSampler);
const cpuMicros = cpu.user + cpu.system;
const seconds = (counted.at - started) / 1000;

const result: ContenderResult = {
  ...base,
  status: 'ok',
  logged: loggedCount,
  counted: counted.count,
  end: counted.end,
  seconds,
  docsPerSecond: counted.count / seconds,
  ratePerSecond: ratePerSecond ?? null,
  logSeconds: contender.kind === 'logger' ? (logEnded - started) / 1000 : null,
  cpuMicros,
  inputCpuMicros,
  cpuPerDoc: (cpuMicros - inputCpuMicros * (loggedCount / lines.count)) / Math.max(1, loggedCount),
  cpuPerDelivered:
    counted.count > 0 ? (cpuMicros - inputCpuMicros * (loggedCount / lines.count)) / counted.count : null,
  serverCpuMicros,
  serverCpuPerDelivered: serverCpuMicros !== null && counted.count > 0 ? serverCpuMicros / counted.count : null,
  rssStartMb: rssStart / 2 ** 20,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  heapStartMb: heapStart / 2 ** 20,
  peakHeapMb: Math.max(peakHeapUsed, heapStart) / 2 ** 20,
  stats: (bulk ?? session)!.stats(),
};
reportAndExit(result);
