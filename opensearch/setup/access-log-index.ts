import type { IndexBody } from './ensure-index.ts';

const keyword = { type: 'keyword' } as const;

/** The access log of the query API: who searched, viewed or exported what. Append-only. */
export const accessLogIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      at: { type: 'date' },
      who: keyword,
      role: keyword,
      method: keyword,
      route: keyword,
      record_id: keyword,
      // Stored as given, searchable by key and value.
      filters: { type: 'flat_object' },
      row_count: { type: 'long' },
    },
  },
};
