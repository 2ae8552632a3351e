import { Faker, base, en, ru } from '@faker-js/faker';

/**
 * The one source of randomness of the generator. Everything random, from customer names to
 * event id bits, is drawn from a single seeded faker instance, so a seed fixes the whole output.
 *
 * A private `Faker` instance (same locale chain as `fakerRU`) rather than the shared `fakerRU`:
 * seeding the shared one would move its state under any other code or test using it, and theirs
 * under ours. Output is stable for a given faker version; a faker upgrade may change the values
 * drawn for a seed, so tests compare runs with each other, never with stored snapshots.
 */
export interface SeededRandom {
  /** Russian first, English then base data: Cyrillic names, transliterated e-mail addresses. */
  readonly faker: Faker;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(choices: ReadonlyArray<readonly [value: T, weight: number]>): T;
  /** Lower-case hex digits, no prefix. */
  hex(length: number): string;
  bytes(length: number): Uint8Array;
}

export function seededRandom(seed: number): SeededRandom {
  const faker = new Faker({ locale: [ru, en, base] });
  faker.seed(seed);
  const int = (min: number, max: number) => faker.number.int({ min, max });
  return {
    faker,
    int,
    chance: (probability) => faker.number.float({ min: 0, max: 1 }) < probability,
    pick: (items) => faker.helpers.arrayElement(items),
    weighted: (choices) => faker.helpers.weightedArrayElement(choices.map(([value, weight]) => ({ value, weight }))),
    hex: (length) => faker.string.hexadecimal({ length, casing: 'lower', prefix: '' }),
    bytes: (length) => Uint8Array.from({ length }, () => int(0, 255)),
  };
}
