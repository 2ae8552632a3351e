import { describe, expect, it } from 'vitest';
import { rawHitsOf, RawHitsError } from './raw-hits.ts';

/** Text that trips a careless scanner: quotes, backslashes before quotes, braces, Cyrillic, emoji, controls. */
const TRICKY = [
  'Клиент «Ромашка» — ООО "Ромашка"',
  'ends with a backslash \\',
  '\\"still inside\\"',
  '},"sort":[1],"_source":{',
  '{[ ]}',
  'he said "}" then {',
  'tab\there\nnewline \u0001 \u2028',
  '😀 ж',
  '',
];

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function documentFor(random: () => number, i: number): Record<string, unknown> {
  const text = () => TRICKY[Math.floor(random() * TRICKY.length)]!;
  return {
    event_id: `id-${i}`,
    message: text(),
    duration_ms: Math.floor(random() * 10_000),
    created_new: random() < 0.5,
    customer: random() < 0.3 ? null : { id: String(i), name: text() },
    details: {
      sort: [text(), 1.5e-7, null],
      _source: { x: text() },
      empty: {},
      none: [],
      nested: { a: [{ b: text() }] },
    },
  };
}

function answerOf(documents: Array<Record<string, unknown>>) {
  return {
    took: 3,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: {
      total: { value: documents.length, relation: 'eq' },
      max_score: null,
      hits: documents.map((doc, i) => ({
        _index: 'logs-2026.12',
        _id: doc.event_id,
        _score: null,
        _source: doc,
        sort: [1_764_806_400_000 + i, `Имя ${i}`, doc.event_id],
      })),
    },
  };
}

describe('rawHitsOf', () => {
  it('finds each hit’s id, sort values and exact source bytes in a compact answer', () => {
    const random = seeded(7);
    const documents = Array.from({ length: 200 }, (_, i) => documentFor(random, i));
    const answer = answerOf(documents);
    const read = rawHitsOf(Buffer.from(JSON.stringify(answer)));
    expect(read.total).toEqual({ value: 200, relation: 'eq' });
    expect(read.hits.map((hit) => hit.id)).toEqual(documents.map((doc) => doc.event_id));
    expect(read.hits.map((hit) => hit.sort)).toEqual(answer.hits.hits.map((hit) => hit.sort));
    read.hits.forEach((hit, i) => {
      expect(hit.source.equals(Buffer.from(JSON.stringify(documents[i])))).toBe(true);
    });
  });

  it('reads an indented answer with its keys in another order', () => {
    const random = seeded(11);
    const documents = Array.from({ length: 20 }, (_, i) => documentFor(random, i));
    const answer = answerOf(documents);
    const reordered = {
      hits: {
        hits: answer.hits.hits.map(({ sort, _source, _id }) => ({ sort, _source, _id })),
        total: answer.hits.total,
      },
      took: 1,
    };
    const read = rawHitsOf(Buffer.from(JSON.stringify(reordered, null, 2)));
    expect(read.hits.map((hit) => JSON.parse(hit.source.toString('utf8')))).toEqual(documents);
    expect(read.hits.map((hit) => hit.id)).toEqual(documents.map((doc) => doc.event_id));
    expect(read.total).toEqual({ value: 20, relation: 'eq' });
  });

  it('reads an answer without hits or without a total', () => {
    expect(rawHitsOf(Buffer.from('{"took":1,"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}'))).toEqual({
      total: { value: 0, relation: 'eq' },
      hits: [],
    });
    expect(rawHitsOf(Buffer.from('{"hits":{"hits":[]}}'))).toEqual({ hits: [] });
    expect(rawHitsOf(Buffer.from('{"took":1}'))).toEqual({ hits: [] });
  });

  it('refuses a cut-off answer, a hit without a source object and a non-object answer', () => {
    const whole = JSON.stringify(answerOf([documentFor(seeded(3), 0)]));
    for (const cut of [whole.length - 1, whole.indexOf('Клиент') + 3, Math.floor(whole.length / 2)]) {
      expect(() => rawHitsOf(Buffer.from(whole).subarray(0, cut))).toThrow(RawHitsError);
    }
    expect(() => rawHitsOf(Buffer.from('{"hits":{"hits":[{"_id":"a","sort":[1]}]}}'))).toThrow(RawHitsError);
    expect(() => rawHitsOf(Buffer.from('{"hits":{"hits":[{"_id":"a","_source":"text"}]}}'))).toThrow(RawHitsError);
    expect(() => rawHitsOf(Buffer.from('[]'))).toThrow(RawHitsError);
  });
});
