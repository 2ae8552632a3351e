import type { IndexBody } from './ensure-index.ts';

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

/**
 * The scheduler's state: the leadership lease (`_id` `leader`) and, per job, when it was first
 * seen (`_id` `job:<name>`), so catch-up never reaches back before a job existed.
 */
export const schedulerStateIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      kind: keyword,
      holder: keyword,
      acquired_at: date,
      renewed_at: date,
      expires_at: date,
      job: keyword,
      first_seen: date,
    },
  },
};

/** One document per job and period (`_id` `<job>@<period>`): the record that makes a run happen once. */
export const schedulerRunsIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      job: keyword,
      period: date,
      state: keyword,
      trigger: keyword,
      attempts: { type: 'integer' },
      instance: keyword,
      created_at: date,
      started_at: date,
      finished_at: date,
      heartbeat_at: date,
      next_attempt_at: date,
      gave_up: { type: 'boolean' },
      duration_ms: { type: 'long' },
      result: { type: 'object', enabled: false },
      error: { type: 'text' },
    },
  },
};
