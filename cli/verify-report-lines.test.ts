import { describe, expect, it } from 'vitest';
import { noFindings, type IntegrityReport, type ProducerIntegrity } from '../shipper/verify/integrity-report.ts';
import { verifyReportLines } from './verify-report-lines.ts';

const base: ProducerIntegrity = {
  producerId: 'crm-1',
  checked: { from: 0, to: null },
  records: 40,
  first: 0,
  last: 39,
  checkpoints: { valid: 5, invalid: 0, highest: 39, final: 39, onlyInFiles: 0 },
  findings: [],
  findingsTruncated: false,
  counts: noFindings(),
  deletedByRetention: [],
  refused: 0,
  unverifiable: null,
  notes: [],
};

const reportOf = (
  producers: ProducerIntegrity[],
  totals: Partial<IntegrityReport['totals']> = {},
): IntegrityReport => ({
  lineages: [{ producers }],
  totals: {
    producers: producers.length,
    records: 40,
    findings: noFindings(),
    deletedByRetention: 0,
    refused: 0,
    unverifiable: 0,
    ...totals,
  },
  notes: [],
  clean: true,
});

describe('verifyReportLines', () => {
  it('names each finding with its kind, producer, seqs and documents', () => {
    const p: ProducerIntegrity = {
      ...base,
      findings: [
        { kind: 'missing', from: 3, to: 5, count: 3, detail: 'inside' },
        {
          kind: 'altered',
          from: 12,
          to: 12,
          count: 1,
          detail: 'its hash does not match the chain_prev of seq 13',
          documents: [{ index: 'logs', id: 'e-12' }],
        },
      ],
      counts: { ...noFindings(), missing: 3, altered: 1 },
    };
    const lines = verifyReportLines(reportOf([p], { findings: { ...noFindings(), missing: 3, altered: 1 } }), false);
    expect(lines).toEqual([
      'crm-1  checked: all  40 records  5 checkpoints, final at seq 39  FINDINGS',
      '  missing crm-1 seq 3..5: inside',
      '  altered crm-1 seq 12: its hash does not match the chain_prev of seq 13 [logs/e-12]',
      'verify: 1 producer, 40 records: 3 missing, 1 altered',
    ]);
  });

  it('says what is not a finding: retention, refused records, an unverifiable tail', () => {
    const p: ProducerIntegrity = {
      ...base,
      checkpoints: { ...base.checkpoints, highest: 29, final: null },
      deletedByRetention: [{ from: 0, to: 9, count: 10, indices: [{ index: 'logs-10', deletedOn: '2028-11-01' }] }],
      refused: 1,
      unverifiable: { after: 29, records: 10, absent: 0 },
    };
    const lines = verifyReportLines(reportOf([p], { deletedByRetention: 10, refused: 1, unverifiable: 10 }), false);
    expect(lines).toEqual([
      'crm-1  checked: all  40 records  5 checkpoints, last at seq 29, no final  ok up to seq 29',
      '  deleted by retention on 2028-11-01: crm-1 seq 0..9 (10 records; logs-10 deleted 2028-11-01)',
      '  refused: crm-1 1 seq kept as dead letters (synclog dead-letter list)',
      '  unverifiable after seq 29: crm-1 10 records after its last checkpoint; no final checkpoint (killed, or still running)',
      'verify: 1 producer, 40 records: no findings; 10 deleted by retention, 1 refused (dead letters), 10 unverifiable',
    ]);
  });

  it('announces producers linked by predecessor as a lineage', () => {
    const lines = verifyReportLines(reportOf([base, { ...base, producerId: 'crm-2', predecessor: 'crm-1' }]), false);
    expect(lines[0]).toBe('lineage: crm-1 → crm-2');
  });
});
