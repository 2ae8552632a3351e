import { describe, expect, it } from 'vitest';
import { itemOutcome } from './item-outcome.ts';

describe('what a bulk item answer means for its record', () => {
  it('counts 2xx and 409 (an earlier attempt delivered it) as delivered', () => {
    expect(itemOutcome(201, undefined)).toEqual({ kind: 'delivered', duplicate: false });
    expect(itemOutcome(409, { type: 'version_conflict_engine_exception' })).toEqual({
      kind: 'delivered',
      duplicate: true,
    });
  });

  it('retries 429 as throttled and 5xx as failing', () => {
    expect(itemOutcome(429, { type: 'rejected_execution_exception' })).toEqual({ kind: 'retry', throttled: true });
    // A disk flood-stage block answers 429 too: it lifts by itself, so it is waited for, not dead-lettered.
    expect(itemOutcome(429, { type: 'cluster_block_exception' })).toEqual({ kind: 'retry', throttled: true });
    expect(itemOutcome(503, { type: 'unavailable_shards_exception' })).toEqual({ kind: 'retry', throttled: false });
  });

  it('sends a record whose index vanished to be recreated', () => {
    expect(itemOutcome(404, { type: 'index_not_found_exception' })).toEqual({ kind: 'missing-index' });
  });

  it('gives each refusal its closed reason code', () => {
    expect(
      itemOutcome(403, {
        type: 'cluster_block_exception',
        reason: 'index [x] blocked by: [FORBIDDEN/8/index write (api)];',
      }),
    ).toEqual({ kind: 'refused', code: 'read_only' });
    expect(itemOutcome(400, { type: 'index_closed_exception' })).toEqual({ kind: 'refused', code: 'index_closed' });
    expect(itemOutcome(400, { type: 'mapper_parsing_exception' })).toEqual({ kind: 'refused', code: 'mapping' });
    expect(itemOutcome(400, { type: 'illegal_argument_exception' })).toEqual({ kind: 'refused', code: 'mapping' });
    expect(itemOutcome(413, { type: 'request_entity_too_large' })).toEqual({ kind: 'refused', code: 'too_large' });
    expect(itemOutcome(400, { type: 'something_new_exception' })).toEqual({ kind: 'refused', code: 'refused' });
    expect(itemOutcome(404, { type: 'document_missing_exception' })).toEqual({ kind: 'refused', code: 'refused' });
  });

  it('names the top-level field a strict mapping lacks, and only a top-level one', () => {
    const reason = (field: string, within: string) =>
      `mapping set to strict, dynamic introduction of [${field}] within [${within}] is not allowed`;
    expect(
      itemOutcome(400, { type: 'strict_dynamic_mapping_exception', reason: reason('operation_key', '_doc') }),
    ).toEqual({ kind: 'refused', code: 'mapping', strictField: 'operation_key' });
    expect(itemOutcome(400, { type: 'strict_dynamic_mapping_exception', reason: reason('role', 'customer') })).toEqual({
      kind: 'refused',
      code: 'mapping',
    });
  });
});
