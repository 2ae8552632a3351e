import { createServer } from 'node:net';
import pino from 'pino';
import winston from 'winston';
import TransportStream from 'winston-transport';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { passesQuickCheck } from '../../opensearch/record/record-quick-check.ts';
import { syncLogRecordSchema } from '../../opensearch/record/schema.ts';
import { bulkEntry } from '../../shipper/delivery/bulk-entry.ts';
import { createCustomerSyncLogger } from '../../shipper/loggers/index.ts';
import { normaliseRecord } from '../../shipper/record/normalise-record.ts';
import { OpenSearchTransport } from '../../shipper/transport/opensearch-transport.ts';
import { passThroughFormat } from '../../shipper/transport/pass-through-format.ts';
import { NORMALISE_CONTEXT, stubLogger, type HotPathInputs } from './hot-path-inputs.ts';

/** One measured call: `arg` builds its argument outside the timed region, `call` is timed. */
export interface PreparedCase {
  arg(i: number): unknown;
  call(arg: unknown, i: number): void;
}

export interface HotPathCase {
  readonly label: string;
  setup(inputs: HotPathInputs): Promise<PreparedCase>;
}

const LEVEL = Symbol.for('level');
const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;

class NoopTransport extends TransportStream {
  override log(_info: unknown, next: () => void): void {
    next();
  }
}

/**
 * The real transport, kept from sending during the measurement: nothing is due before a day has
 * passed or before 10⁸ records are queued, the spool is off, and the client points at a closed
 * loopback port (so nothing could be sent anyway).
 */
async function queuingTransport(): Promise<OpenSearchTransport> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return new OpenSearchTransport({
    client: createOpenSearchClient({ urls: [`http://127.0.0.1:${port}`] }),
    service: NORMALISE_CONTEXT.service.name,
    spoolDir: false,
    flushIntervalMs: 24 * 3_600_000,
    batchRecords: 100_000_000,
    maxQueueRecords: 100_000_000,
    batchBytes: 2 ** 40,
    maxQueueBytes: 2 ** 40,
  });
}

/** The cases by name, in the order the report lists them. */
export const CASES: Readonly<Record<string, HotPathCase>> = {
  synclog: {
    label: 'synclog: logCustomerImport → winston → OpenSearchTransport (queued), as the README sets it up',
    async setup({ transfers }) {
      const logger = winston.createLogger({ format: passThroughFormat(), transports: [await queuingTransport()] });
      const sync = createCustomerSyncLogger({ logger });
      return {
        arg: (i) => pick(transfers, i),
        call: (transfer) => sync.logCustomerImport(transfer as (typeof transfers)[number]),
      };
    },
  },
  'synclog-json': {
    label: "  the same with winston's default json() format on the logger",
    async setup({ transfers }) {
      const logger = winston.createLogger({ transports: [await queuingTransport()] });
      const sync = createCustomerSyncLogger({ logger });
      return {
        arg: (i) => pick(transfers, i),
        call: (transfer) => sync.logCustomerImport(transfer as (typeof transfers)[number]),
      };
    },
  },
  pino: {
    label: 'pino → /dev/null (sync), the same record',
    async setup({ infos }) {
      const logger = pino(pino.destination({ dest: '/dev/null', sync: true }));
      const methods = logger as unknown as Record<string, (fields: object) => void>;
      const calls = infos.map(({ level, ...fields }) => ({ method: methods[level as string]!, fields }));
      return {
        arg: (i) => pick(calls, i),
        call: (c) => (c as (typeof calls)[number]).method.call(logger, (c as (typeof calls)[number]).fields),
      };
    },
  },
  'input-building': {
    label: "└ CustomerSyncLogger's own input building (no winston)",
    async setup({ transfers }) {
      const sync = createCustomerSyncLogger({ logger: stubLogger(() => {}) });
      return {
        arg: (i) => pick(transfers, i),
        call: (transfer) => sync.logCustomerImport(transfer as (typeof transfers)[number]),
      };
    },
  },
  'winston-noop': {
    label: '└ winston alone: default logger, no-op transport',
    async setup({ infos }) {
      const logger = winston.createLogger({ transports: [new NoopTransport()] });
      return { arg: (i) => ({ ...pick(infos, i) }), call: (info) => logger.log(info as winston.LogEntry) };
    },
  },
  'winston-noop-plain': {
    label: '  └ the same with passThroughFormat() (no default json())',
    async setup({ infos }) {
      const logger = winston.createLogger({ format: passThroughFormat(), transports: [new NoopTransport()] });
      return { arg: (i) => ({ ...pick(infos, i) }), call: (info) => logger.log(info as winston.LogEntry) };
    },
  },
  'transport-log': {
    label: '└ OpenSearchTransport.log() alone (normalise, serialise, queue)',
    async setup({ infos }) {
      const transport = await queuingTransport();
      const next = () => {};
      return {
        arg: (i) => ({ ...pick(infos, i), [LEVEL]: pick(infos, i).level }),
        call: (info) => transport.log(info as Record<string, unknown>, next),
      };
    },
  },
  normalise: {
    label: '  └ normaliseRecord',
    async setup({ infos }) {
      return {
        arg: (i) => ({ ...pick(infos, i) }),
        call: (info, i) =>
          normaliseRecord(info as Record<string, unknown>, { ...NORMALISE_CONTEXT, now: Date.now(), producerSeq: i }),
      };
    },
  },
  'quick-check': {
    label: '    └ the quick record check (inside normaliseRecord)',
    async setup({ records }) {
      return {
        arg: (i) => ({ ...pick(records, i) }),
        call: (record) => passesQuickCheck(record as Record<string, unknown>),
      };
    },
  },
  'zod-parse': {
    label: '    └ record schema safeParse (run only when the quick check says no)',
    async setup({ records }) {
      return { arg: (i) => pick(records, i), call: (record) => syncLogRecordSchema.safeParse(record) };
    },
  },
  'bulk-entry': {
    label: '  └ bulkEntry (action line, JSON.stringify, byte length)',
    async setup({ records }) {
      return {
        arg: (i) => pick(records, i),
        call: (record) => bulkEntry('hot-path-logs-2026.11', record as (typeof records)[number], 0),
      };
    },
  },
  stringify: {
    label: '    └ JSON.stringify(record)',
    async setup({ records }) {
      return { arg: (i) => pick(records, i), call: (record) => JSON.stringify(record) };
    },
  },
  'timer-overhead': {
    label: '(timer overhead: an empty call)',
    async setup() {
      return { arg: () => undefined, call: () => {} };
    },
  },
};
