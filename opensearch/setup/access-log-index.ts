import type { IndexBody } from './ensure-index.ts';

const keyword = { type: 'keyword' } as const;

/** The access log of the query API: who searched, viewed, exported or held what. Append-only. */
export const accessLogIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      at: { type: 'date' },
      event: keyword,
      who: keyword,
      role: keyword,
      method: keyword,
      route: keyword,
      record_id: keyword,
      access_id: keyword,
      // Stored as given, searchable by key and value.
      filters: { type: 'flat_object' },
      row_count: { type: 'long' },
      outcome: keyword,
      bytes: { type: 'long' },
      sha256: keyword,
      recipients: keyword,
      hold_id: keyword,
      reason: { type: 'text' },
      trace_id: keyword,
      span_id: keyword,
    },
  },
};

/** Export manifests: one document per export (`_id` = export id). */
export const exportsIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      id: keyword,
      format: keyword,
      status: keyword,
      query: { type: 'flat_object' },
      presentation: { properties: { lang: keyword, time_zone: keyword, delimiter: keyword } },
      who: keyword,
      started_at: { type: 'date' },
      finished_at: { type: 'date' },
      row_count: { type: 'long' },
      bytes: { type: 'long' },
      sha256: keyword,
      error: { type: 'text' },
    },
  },
};
