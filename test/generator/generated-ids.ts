import { v7 } from 'uuid';
import type { SeededRandom } from './seeded-random.ts';

/**
 * Ids of generated records. The event id is a real UUIDv7 whose first 48 bits are the record's
 * `@timestamp`, like `newEventId` makes in production, but its random bits come from the seeded
 * generator instead of the clock and crypto, so a seed always yields the same ids.
 */
export function eventIdAt(epochMs: number, random: SeededRandom): string {
  return v7({ msecs: epochMs, random: random.bytes(16) });
}

/** W3C trace context sizes: 16 bytes for a trace, 8 for a span. */
export const traceId = (random: SeededRandom): string => random.hex(32);
export const spanId = (random: SeededRandom): string => random.hex(16);

export const operationId = (random: SeededRandom): string => `op-${random.hex(12)}`;
export const correlationId = (random: SeededRandom): string => random.faker.string.uuid();

/** 1C catalogue codes come in two shapes: a prefixed code (`ЦБ-000123`) or a zero-padded number. */
export function onecId(random: SeededRandom): string {
  const number = random.int(1, 999_999);
  return random.chance(0.5) ? `ЦБ-${String(number).padStart(6, '0')}` : String(number).padStart(7, '0');
}
