import { unzipSync } from 'node:zlib';
import { errors } from '@opensearch-project/opensearch';
import type { OpenSearchClient } from './create-client.ts';

/**
 * A search whose response is read as bytes and parsed with one plain `JSON.parse`, for callers
 * that page through large responses (exports): the client's own reading decodes the body chunk by
 * chunk into one long string and scans it for prototype keys, which costs more than the parse.
 * The hits are read as data, never merged into other objects, so no prototype can be poisoned.
 * A status of 400 or more throws the client's `ResponseError`, as `client.search` does.
 */
export async function searchJson<T>(client: OpenSearchClient, params: Record<string, unknown>): Promise<T> {
  const response = await client.search(params as never, { asStream: true });
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  const text = (
    /gzip|deflate/.test(String(response.headers?.['content-encoding'] ?? '')) ? unzipSync(bytes) : bytes
  ).toString('utf8');
  const body: unknown = text === '' ? {} : JSON.parse(text);
  if (response.statusCode !== null && response.statusCode >= 400) {
    throw new errors.ResponseError({
      body,
      statusCode: response.statusCode,
      headers: response.headers,
      meta: response.meta,
      warnings: response.warnings,
    } as never);
  }
  return body as T;
}
