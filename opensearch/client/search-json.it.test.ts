import { Client, errors } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { searchJson, searchRawHits } from './search-json.ts';

const client = testClient();
const index = `${uniquePrefix('search-json')}-docs`;
const docs = Array.from({ length: 300 }, (_, i) => ({
  n: i,
  name: `Клиент «${i}» — ООО "Ромашка"\n${'ж'.repeat(i % 40)}`,
  tag: i % 3 === 0 ? 'a' : 'b',
}));

beforeAll(async () => {
  await client.indices.create({
    index,
    body: { mappings: { properties: { n: { type: 'integer' }, name: { type: 'text' }, tag: { type: 'keyword' } } } },
  } as never);
  await client.bulk({
    refresh: true,
    body: docs.flatMap((doc) => [{ index: { _index: index, _id: String(doc.n) } }, doc]),
  } as never);
});
afterAll(async () => {
  await dropPrefix(client, index.replace(/-docs$/, ''));
  await client.close();
});

type Hits = {
  hits: { total: { value: number }; hits: Array<{ _id: string; _source: (typeof docs)[number]; sort: unknown[] }> };
};
const request = {
  index,
  body: { size: 300, query: { term: { tag: 'a' } }, sort: [{ n: 'asc' }], track_total_hits: true },
};

describe('searchJson', () => {
  it('returns the same body the client returns, non-ASCII text intact', async () => {
    const ours = await searchJson<Hits>(client, request);
    const { body: theirs } = await client.search(request as never);
    expect(ours.hits.hits).toEqual((theirs as unknown as Hits).hits.hits);
    expect(ours.hits.hits.map((hit) => hit._source)).toEqual(docs.filter((doc) => doc.tag === 'a'));
  });

  it('reads a gzip-compressed response', async () => {
    const compressing = new Client({
      node: client.connectionPool.connections[0]!.url.toString(),
      suggestCompression: true,
    });
    try {
      const { headers } = await compressing.search(request as never, { asStream: true }).then(async (response) => {
        for await (const _ of response.body as unknown as AsyncIterable<Buffer>);
        return response;
      });
      expect(headers?.['content-encoding']).toBe('gzip');
      const ours = await searchJson<Hits>(compressing, request);
      expect(ours.hits.hits.map((hit) => hit._source)).toEqual(docs.filter((doc) => doc.tag === 'a'));
    } finally {
      await compressing.close();
    }
  });

  it("throws the client's ResponseError, with OpenSearch's reason, for a refused search", async () => {
    const refused = searchJson(client, { index, body: { query: { no_such_query: {} } } });
    await expect(refused).rejects.toBeInstanceOf(errors.ResponseError);
    await expect(refused).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('parsing_exception'),
    });
  });

  it('throws a 404 ResponseError for a missing index', async () => {
    await expect(searchJson(client, { index: `${index}-missing`, body: {} })).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
  });

  it('reads raw hits whose source bytes are the documents as indexed, ids, sort values and total intact', async () => {
    const raw = await searchRawHits(client, request);
    const { body: theirs } = await client.search(request as never);
    const parsed = theirs as unknown as Hits;
    expect(raw.total).toEqual(parsed.hits.total);
    expect(raw.hits.map((hit) => hit.id)).toEqual(parsed.hits.hits.map((hit) => hit._id));
    expect(raw.hits.map((hit) => hit.sort)).toEqual(parsed.hits.hits.map((hit) => hit.sort));
    const expected = docs.filter((doc) => doc.tag === 'a');
    expect(raw.hits.map((hit) => hit.source.toString('utf8'))).toEqual(expected.map((doc) => JSON.stringify(doc)));
  });
});
