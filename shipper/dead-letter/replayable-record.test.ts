import { describe, expect, it } from 'vitest';
import { newEventId } from '../../opensearch/record/event-id.ts';
import { createOutcome } from './create-outcome.ts';
import { replayableRecord } from './replayable-record.ts';

const record = {
  '@timestamp': '2026-11-23T10:00:00.000Z',
  ingested_at: '2026-11-23T10:00:01.000Z',
  event_id: newEventId(Date.parse('2026-11-23T10:00:00Z')),
  producer_id: 'producer-1',
  producer_seq: 4,
  level: 'info',
  message: 'Imported customer from 1C',
  service: { name: 'crm-sync' },
};

describe('replayableRecord', () => {
  it('accepts the JSON of a full record', () => {
    const result = replayableRecord(JSON.stringify(record));
    expect(result).toEqual({ ok: true, record });
  });

  it('refuses raw text that is not JSON, saying so', () => {
    const result = replayableRecord('{"level":');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^raw is not JSON/);
  });

  it('refuses a log call that is not a full record, naming the missing fields', () => {
    const result = replayableRecord(JSON.stringify({ level: 'info', message: 'x', surprise: 1 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^not a valid record: .*event_id/);
  });
});

describe('createOutcome', () => {
  it('reads 201 as created, 409 as already present, 400 as rejected and the rest as failed', () => {
    expect(createOutcome({ status: 201 })).toEqual({ kind: 'created' });
    expect(createOutcome({ status: 409, error: { type: 'version_conflict_engine_exception' } })).toEqual({
      kind: 'already_present',
    });
    expect(createOutcome({ status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad' } })).toEqual({
      kind: 'rejected',
      reason: '400 mapper_parsing_exception: bad',
    });
    expect(
      createOutcome({ status: 429, error: { type: 'es_rejected_execution_exception', reason: 'busy' } }).kind,
    ).toBe('failed');
  });
});
