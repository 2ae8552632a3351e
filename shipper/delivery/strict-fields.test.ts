import { describe, expect, it } from 'vitest';
import { documentOf, type BulkEntry } from './bulk-entry.ts';
import { createStrictFields, moveUnderDetails } from './strict-fields.ts';

function entry(document: Record<string, unknown>, index = 'synclog-logs-2026.12'): BulkEntry {
  const lines = Buffer.from(`{"create":{"_index":"${index}","_id":"e1"}}\n${JSON.stringify(document)}\n`);
  return { index, id: 'e1', lines, bytes: lines.length, epoch: 3, walSegment: 7 };
}

describe('fields an older strict mapping lacks', () => {
  it("moves them under details beside what details held, keeping the entry's id, epoch and write-ahead segment", () => {
    const moved = moveUnderDetails(
      entry({ message: 'm', operation_key: 'k', invalid: { status: 'x' }, details: { a: 1 } }),
      new Set(['operation_key', 'invalid']),
    );
    expect(JSON.parse(documentOf(moved))).toEqual({
      message: 'm',
      details: { a: 1, operation_key: 'k', invalid: { status: 'x' } },
    });
    expect(moved).toMatchObject({
      index: 'synclog-logs-2026.12',
      id: 'e1',
      epoch: 3,
      walSegment: 7,
      bytes: moved.lines.length,
    });
    expect(moved.lines.toString().startsWith('{"create":{"_index":"synclog-logs-2026.12","_id":"e1"}}\n')).toBe(true);
  });

  it('never overwrites a details key of the same name', () => {
    const moved = moveUnderDetails(
      entry({ operation_key: 'k', details: { operation_key: 'mine' } }),
      new Set(['operation_key']),
    );
    expect(JSON.parse(documentOf(moved))).toEqual({ details: { operation_key: 'mine', 'record.operation_key': 'k' } });
  });

  it('adapts later entries for the same index only, once a refusal taught the missing field', () => {
    const fields = createStrictFields();
    const same = entry({ operation_key: 'k' });
    const other = entry({ operation_key: 'k' }, 'synclog-logs-2026.11');
    expect(fields.adapt(same)).toBe(same);
    fields.learn('synclog-logs-2026.12', 'operation_key');
    expect(JSON.parse(documentOf(fields.adapt(same)))).toEqual({ details: { operation_key: 'k' } });
    expect(fields.adapt(other)).toBe(other);
  });
});
