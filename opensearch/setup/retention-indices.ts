import type { IndexBody } from './ensure-index.ts';

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

/**
 * The retention log: one appended document per lifecycle step (cold, archived, deleted, or a
 * failure) and so, for every deleted index, its proof of deletion. Never updated.
 */
export const retentionLogIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      index: keyword,
      step: keyword,
      outcome: keyword,
      at: date,
      by: keyword,
      period_start: date,
      period_end: date,
      doc_count: { type: 'long' },
      snapshot: keyword,
      repository: keyword,
      error: { type: 'text' },
    },
  },
};

/**
 * Legal holds: on one index (`_id` = its name) or on a time range (`_id` `range:<from>..<to>`);
 * `ism` records which indices a hold took out of ISM, where ISM runs retention.
 */
export const holdsIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      index: keyword,
      from: date,
      to: date,
      reason: { type: 'text' },
      by: keyword,
      held_at: date,
      ism: { properties: { policy_id: keyword, removed: keyword, at: date } },
    },
  },
};
