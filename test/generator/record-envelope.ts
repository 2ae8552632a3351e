import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { eventIdAt } from './generated-ids.ts';
import type { SeededRandom } from './seeded-random.ts';

/** One running instance of the application that logs: its id and the service it reports. */
export interface Producer {
  readonly id: string;
  readonly service: SyncLogRecord['service'];
}

/** The fields every record has whatever it is about. */
export type Envelope = Pick<SyncLogRecord, '@timestamp' | 'ingested_at' | 'event_id' | 'producer_id' | 'producer_seq'>;

/**
 * The envelope of a record logged at `epochMs`. `producer_seq` is a placeholder: it is numbered
 * once all records are known and sorted, because a producer's sequence follows its clock.
 */
export function envelopeAt(random: SeededRandom, epochMs: number, producer: Producer): Envelope {
  return {
    '@timestamp': new Date(epochMs).toISOString(),
    ingested_at: new Date(epochMs + ingestionLagMs(random)).toISOString(),
    event_id: eventIdAt(epochMs, random),
    producer_id: producer.id,
    producer_seq: 0,
  };
}

/** Usually shipped within a second or two, sometimes within the same millisecond, rarely after a backlog. */
function ingestionLagMs(random: SeededRandom): number {
  const lag = random.weighted([
    ['none', 20],
    ['usual', 78],
    ['backlog', 2],
  ] as const);
  if (lag === 'none') return 0;
  return lag === 'usual' ? random.int(1, 1_500) : random.int(30_000, 120_000);
}

/** Mostly 50 ms to 3 s, with a slow tail above 5 s that latency reports must notice. */
export function durationMs(random: SeededRandom): number {
  return random.chance(0.92) ? random.int(50, 3_000) : random.int(5_001, 60_000);
}

/** Drops keys whose value is undefined, so generated records look like parsed JSON. */
export function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
