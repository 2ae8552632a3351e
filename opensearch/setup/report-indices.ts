import type { IndexBody } from './ensure-index.ts';

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

/**
 * One document per scheduled report run and target (`_id` `<run id>|<channel>:<target>`), written
 * once the target took the report: a retried run skips the targets it already reached.
 */
export const reportDeliveriesIndexBody: IndexBody = {
  mappings: {
    dynamic: 'strict',
    properties: {
      run_id: keyword,
      report: keyword,
      period: keyword,
      channel: keyword,
      target: keyword,
      delivered_at: date,
      detail: keyword,
    },
  },
};
