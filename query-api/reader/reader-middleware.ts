import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { readerOfRequest } from './reader-of-request.ts';
import type { Reader } from './reader.ts';
import type { VocabularyLabels } from './vocabulary-labels.ts';

const readers = new WeakMap<Request, Reader>();

/** The reader the middleware found for this request (see `readerOfRequest`). */
export const readerOf = (c: Context): Reader => {
  const reader = readers.get(c.req.raw);
  if (!reader) throw new Error('readerOf: the route is not behind the reader middleware');
  return reader;
};

/** Finds each request's reader once, for every page, export and report behind it. */
export function readerMiddleware(labels: () => Promise<VocabularyLabels>, fallbackTimeZone: string) {
  return createMiddleware(async (c, next) => {
    readers.set(c.req.raw, readerOfRequest(c, await labels(), fallbackTimeZone));
    return next();
  });
}
