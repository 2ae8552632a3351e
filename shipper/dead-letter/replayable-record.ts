import { syncLogRecordSchema, type SyncLogRecord } from '../../opensearch/record/schema.ts';

export type Replayable =
  { readonly ok: true; readonly record: SyncLogRecord } | { readonly ok: false; readonly reason: string };

/**
 * The record a dead letter can be replayed as: its `raw` must be the JSON of a full stored record.
 * A dead letter of a log call that failed validation holds the call, not a record, and is not
 * replayable.
 */
export function replayableRecord(raw: string): Replayable {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `raw is not JSON: ${(error as Error).message}` };
  }
  const parsed = syncLogRecordSchema.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issues = parsed.error.issues;
  const reason = issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`)
    .join('; ');
  return {
    ok: false,
    reason: `not a valid record: ${reason}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
  };
}
