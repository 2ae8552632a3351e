import { describe, expect, it } from 'vitest';
import { noFindings, type ProducerIntegrity } from './integrity-report.ts';
import { groupLineages } from './lineages.ts';

const producer = (producerId: string, predecessor?: string): ProducerIntegrity => ({
  producerId,
  ...(predecessor ? { predecessor } : {}),
  checked: { from: 0, to: null },
  records: 0,
  first: null,
  last: null,
  checkpoints: { valid: 1, invalid: 0, highest: -1, final: null, onlyInFiles: 0 },
  findings: [],
  findingsTruncated: false,
  counts: noFindings(),
  deletedByRetention: [],
  refused: 0,
  unverifiable: null,
  notes: [],
});
const ids = (producers: ProducerIntegrity[]) =>
  groupLineages(producers).map((l) => l.producers.map((p) => p.producerId));

describe('groupLineages', () => {
  it('shows producers linked by predecessor as one lineage, oldest first', () => {
    expect(ids([producer('svc-c', 'svc-b'), producer('other'), producer('svc-a'), producer('svc-b', 'svc-a')])).toEqual(
      [['other'], ['svc-a', 'svc-b', 'svc-c']],
    );
  });

  it('starts a lineage at a producer whose predecessor is not in the report', () => {
    expect(ids([producer('b', 'gone'), producer('c', 'b')])).toEqual([['b', 'c']]);
  });

  it('shows a cycle of predecessors once', () => {
    expect(ids([producer('x', 'y'), producer('y', 'x')])).toEqual([['x', 'y']]);
  });
});
