import { unzipSync } from 'node:zlib';
import { errors } from '@opensearch-project/opensearch';
import type { OpenSearchClient } from './create-client.ts';
import { rawHitsOf, type RawHits } from './raw-hits.ts';

/**
 * A search whose response is read as bytes, for callers that page through large responses
 * (exports) or pass documents on unchanged (list pages): the client's own reading decodes the body
 * chunk by chunk into one long string and scans it for prototype keys, which costs more than the
 * parse. A status of 400 or more throws the client's `ResponseError`, as `client.search` does.
 */
export async function searchBytes(client: OpenSearchClient, params: Record<string, unknown>): Promise<Buffer> {
  const response = await client.search(params as never, { asStream: true });
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  const bytes = /gzip|deflate/.test(String(response.headers?.['content-encoding'] ?? '')) ? unzipSync(raw) : raw;
  if (response.statusCode !== null && response.statusCode >= 400) {
    const text = bytes.toString('utf8');
    throw new errors.ResponseError({
      body: text === '' ? {} : JSON.parse(text),
      statusCode: response.statusCode,
      headers: response.headers,
      meta: response.meta,
      warnings: response.warnings,
    } as never);
  }
  return bytes;
}

/**
 * The answer parsed with one plain `JSON.parse`. The hits are read as data, never merged into
 * other objects, so no prototype can be poisoned.
 */
export async function searchJson<T>(client: OpenSearchClient, params: Record<string, unknown>): Promise<T> {
  const text = (await searchBytes(client, params)).toString('utf8');
  return (text === '' ? {} : JSON.parse(text)) as T;
}

/** The answer's total and hits, each hit's `_source` left as the bytes OpenSearch sent (see {@link rawHitsOf}). */
export async function searchRawHits(client: OpenSearchClient, params: Record<string, unknown>): Promise<RawHits> {
  return rawHitsOf(await searchBytes(client, params));
}
