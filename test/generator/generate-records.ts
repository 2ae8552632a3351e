import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { buildCustomerPool } from './customer-pool.ts';
import { errorSource } from './error-source.ts';
import type { GenerationContext } from './generation-context.ts';
import { hostileCycle } from './hostile-strings.ts';
import { operationRecords } from './operation-records.ts';
import type { Producer } from './record-envelope.ts';
import { securityEventRecord } from './security-event.ts';
import { seededRandom } from './seeded-random.ts';

export interface GenerateRecordsOptions {
  seed: number;
  count: number;
  /** Records fall between `from` and `to`, both inclusive. */
  from: Date;
  to: Date;
  /** How many application instances log; default 3. */
  producers?: number;
  /** `service.name` of every record; default `crm-1c-sync`. */
  service?: string;
}

/**
 * A realistic, reproducible set of sync log records, sorted by `@timestamp`: the same options give
 * the same records, event ids included, because every random choice is drawn from one PRNG seeded
 * with `seed` (see `seeded-random.ts`) and nothing reads the clock.
 */
export function generateRecords(options: GenerateRecordsOptions): SyncLogRecord[] {
  const { seed, count, from, to, producers = 3, service = 'crm-1c-sync' } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number, got ${count}`);
  if (!Number.isInteger(producers) || producers < 1) {
    throw new RangeError(`producers must be a whole number of at least 1, got ${producers}`);
  }
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(fromMs <= toMs)) throw new RangeError(`from must be a valid time not after to`);

  const random = seededRandom(seed);
  const hostile = hostileCycle();
  const context: GenerationContext = {
    random,
    fromMs,
    toMs,
    // Several records per customer, so per-customer searches find histories, not single hits.
    customers: buildCustomerPool(random, Math.max(20, Math.ceil(count / 8)), hostile),
    producers: producerList(producers, service),
    hostile,
    errors: errorSource(random, hostile),
  };

  const records: SyncLogRecord[] = [];
  while (records.length < count) {
    if (random.chance(0.015)) records.push(securityEventRecord(context));
    else records.push(...operationRecords(context, count - records.length));
  }
  return numberByProducer(sortByTimestamp(records));
}

/** A rolling deploy: the last producer already runs the next version. */
function producerList(count: number, serviceName: string): Producer[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `producer-${index + 1}`,
    service: {
      name: serviceName,
      environment: 'production',
      version: count > 1 && index === count - 1 ? '2.15.0-rc.1' : '2.14.3',
    },
  }));
}

/** `@timestamp`s are all `toISOString()` output, so they sort as strings; the sort is stable for ties. */
function sortByTimestamp(records: SyncLogRecord[]): SyncLogRecord[] {
  return records.sort((a, b) => (a['@timestamp'] < b['@timestamp'] ? -1 : a['@timestamp'] > b['@timestamp'] ? 1 : 0));
}

/** Each producer numbers what it logs 0, 1, 2, … in the order it logged it. */
function numberByProducer(records: SyncLogRecord[]): SyncLogRecord[] {
  const next = new Map<string, number>();
  for (const record of records) {
    const seq = next.get(record.producer_id) ?? 0;
    record.producer_seq = seq;
    next.set(record.producer_id, seq + 1);
  }
  return records;
}
