import { describe, expect, it } from 'vitest';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { SHIPPER_SCHEMA_VERSION, setupDrift } from './setup-drift.ts';

const options = {
  indexPrefix: 'crm',
  indexPeriod: 'month' as const,
  retentionDays: 730,
  operationTypes: [...OPERATION_TYPES] as string[],
  statuses: [...STATUSES] as string[],
};
const codes = (list: readonly string[]) => list.map((code) => ({ code }));

describe('setupDrift', () => {
  it('says nothing when the transport agrees with what setup applied', () => {
    const stored = {
      schema_version: SHIPPER_SCHEMA_VERSION,
      index: { period: 'month' },
      lifecycle: { delete_days: 730 },
      vocabularies: { operation_types: codes(OPERATION_TYPES), statuses: codes(STATUSES) },
    };
    expect(setupDrift(stored, options)).toEqual([]);
  });

  it('names each disagreement: period, retention, an older schema and codes setup does not know', () => {
    const stored = {
      schema_version: 1,
      index: { period: 'week' },
      lifecycle: { delete_days: 365 },
      vocabularies: { operation_types: codes(OPERATION_TYPES), statuses: codes(STATUSES) },
    };
    const drift = setupDrift(stored, { ...options, operationTypes: [...OPERATION_TYPES, 'price_update'] });
    expect(drift).toHaveLength(4);
    expect(drift[0]).toMatch(/indexPeriod is "month" but setup applied "week"/);
    expect(drift[1]).toMatch(/retentionDays is 730 .* 365/);
    expect(drift[2]).toMatch(/older than this shipper/);
    expect(drift[3]).toMatch(/"price_update"/);
  });

  it('asks for setup when there is no metadata at all', () => {
    expect(setupDrift(null, options)).toEqual([expect.stringMatching(/run `synclog setup`/)]);
  });
});
