import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { exactPercentiles, type SearchBody } from './exact-percentiles.ts';

const client = testClient();
const prefix = uniquePrefix('pct');
const index = `${prefix}-values`;
const search: SearchBody = async (body) => (await client.search({ index, body } as never)).body;

/** A seeded generator, so a failure names a set that can be rebuilt. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
const r = seeded(99);
const int = (x: number) => Math.floor(x);

/** Adversarial sets for a t-digest: heavy tails, two far modes, massive ties, tiny sets, values on band edges. */
const SETS: Record<string, number[]> = {
  'heavy tail': Array.from({ length: 550 }, () => int(40 / (1 - r()) ** 2)),
  'log-normal-ish': Array.from({ length: 557 }, () => int(Math.exp(4 + 3 * (r() + r() + r() - 1.5)))),
  bimodal: Array.from({ length: 551 }, (_, i) => (i % 20 < 19 ? 80 + int(r() * 40) : 45_000 + int(r() * 15_000))),
  'many ties': Array.from({ length: 560 }, (_, i) => [5, 5, 5, 5, 1_000, 1_000, 60_000][i % 7]!),
  'zeros and a tail': [
    ...Array.from({ length: 530 }, () => 0),
    ...Array.from({ length: 20 }, (_, i) => 2 ** (i + 3) + i),
  ],
  'one value': [12_345],
  'two values': [7, 86_400_000],
  'band edges': Array.from({ length: 40 }, (_, i) => [2 ** (i % 33), 2 ** (i % 33) - 1, 2 ** (i % 33) + 1]).flat(),
};
const PERCENTS = [1, 25, 50, 90, 95, 99, 99.9, 100];

/** The value of rank ⌈p·n/100⌉ of the sorted values, computed here without the code under test. */
function byDefinition(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(Number(((percent * sorted.length) / 100).toFixed(6))));
  return sorted[rank - 1]!;
}

beforeAll(async () => {
  await client.indices.create({
    index,
    body: {
      settings: { number_of_shards: 3, number_of_replicas: 0 },
      mappings: { properties: { set: { type: 'keyword' }, ms: { type: 'long' } } },
    },
  } as never);
  const body: object[] = Object.entries(SETS).flatMap(([set, values]) =>
    values.flatMap((ms) => [{ index: {} }, { set, ms }]),
  );
  // Documents without the field, and with a negative value, are not among the values.
  body.push({ index: {} }, { set: 'heavy tail' }, { index: {} }, { set: 'bimodal', ms: -5 });
  const { body: result } = await client.bulk({ index, refresh: true, body } as never);
  expect((result as unknown as { errors: boolean }).errors).toBe(false);
});
afterAll(() => dropPrefix(client, prefix));

describe('exact percentiles on a real node', () => {
  it('are within max(1 %, 1 ms) of the nearest-rank value of every set, for every percentile, and are values of the set', async () => {
    for (const [set, values] of Object.entries(SETS)) {
      const result = await exactPercentiles(search, { query: { term: { set } }, field: 'ms', percents: PERCENTS });
      expect(result?.count, set).toBe(values.length);
      PERCENTS.forEach((p, i) => {
        const exact = byDefinition(values, p);
        const found = result!.values[i]!;
        expect(values, `${set} p${p}: ${found}`).toContain(found);
        expect(Math.abs(found - exact), `${set} p${p}: ${found} vs ${exact}`).toBeLessThanOrEqual(
          Math.max(0.01 * exact, 1),
        );
      });
    }
  });

  it('are exact where a fine bucket holds one distinct value: ties, tiny sets and values under 200', async () => {
    for (const set of ['many ties', 'one value', 'two values', 'zeros and a tail']) {
      const result = await exactPercentiles(search, { query: { term: { set } }, field: 'ms', percents: PERCENTS });
      expect(result!.values, set).toEqual(PERCENTS.map((p) => byDefinition(SETS[set]!, p)));
    }
  });

  it('is null when no document has a value, and where the index does not exist', async () => {
    expect(
      await exactPercentiles(search, { query: { term: { set: 'nothing' } }, field: 'ms', percents: [95] }),
    ).toBeNull();
    const missing: SearchBody = async (body) =>
      (await client.search({ index: `${prefix}-none-*`, allow_no_indices: true, body } as never)).body;
    expect(await exactPercentiles(missing, { query: { match_all: {} }, field: 'ms', percents: [95] })).toBeNull();
  });
});
