import { recordAnalysis, recordMapping } from '../record/mapping.ts';
import type { IndexBody } from './ensure-index.ts';

/** Every review: who reviewed which record, when, with which comment. Records themselves are never changed. */
export const reviewsIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      event_id: { type: 'keyword' },
      reviewer: { type: 'keyword' },
      role: { type: 'keyword' },
      reviewed_at: { type: 'date' },
      comment: { type: 'text' },
    },
  },
};

/**
 * The reviewed set: one copy of each reviewed record (`_id` = its event id) with the record
 * mapping, so the filters that select records select reviewed records the same way: counts and
 * pages of `reviewed=true` are exact, at any number of reviews, for records in any index.
 */
export const reviewedIndexBody: IndexBody = {
  settings: { analysis: recordAnalysis() },
  mappings: {
    ...recordMapping(),
    properties: {
      ...recordMapping().properties,
      first_reviewed_at: { type: 'date' },
      first_reviewed_by: { type: 'keyword' },
    },
  },
};
