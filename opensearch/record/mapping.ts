import { recordFields } from './fields.ts';

/** The log indices' mapping, built from the record's field table. */
export function recordMapping() {
  return {
    dynamic: 'strict',
    date_detection: false,
    properties: Object.fromEntries(Object.entries(recordFields).map(([name, f]) => [name, f.mapping])),
  } as const;
}

/** Analysis settings the mapping relies on (the e-mail normaliser). */
export function recordAnalysis() {
  return {
    normalizer: {
      synclog_lowercase: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
    },
  } as const;
}
