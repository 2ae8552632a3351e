import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacityInput, MEASURED_BYTES_PER_RECORD } from '../opensearch/capacity/capacity-input.ts';
import { capacityTable } from '../opensearch/capacity/capacity-table.ts';
import { defaultLifecyclePolicy } from '../opensearch/lifecycle-policy/lifecycle-policy.ts';
import { indexNames } from '../opensearch/record/index-names.ts';
import { ownIndices } from '../opensearch/setup/own-indices.ts';

const page = readFileSync(join(import.meta.dirname, 'capacity.md'), 'utf8');
const atDefaults = (recordsPerDay: number) =>
  capacityInput({
    recordsPerDay,
    period: 'month',
    lifecycle: defaultLifecyclePolicy({ archive_repository: 'archive' }),
    ownIndices: ownIndices(indexNames('synclog')).length,
  });

describe('docs/capacity.md', () => {
  it.each([10_000_000, 1_000_000_000])('shows the model’s own table for %i records a day', (recordsPerDay) => {
    expect(page).toContain(capacityTable(atDefaults(recordsPerDay)));
  });

  it('states the per-record sizes the model uses by default', () => {
    const row = (label: string, bytes: number) => `| ${label} | ${bytes.toLocaleString('en-US')} |`;
    expect(page).toContain(row('hot (as written)', MEASURED_BYTES_PER_RECORD.written));
    expect(page).toContain(row('cold (force-merged)', MEASURED_BYTES_PER_RECORD.merged));
  });
});
