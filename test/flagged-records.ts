import type { SyncLogRecord } from '../opensearch/record/schema.ts';

/** The issues a stored record can carry, each with the value the shipper would have kept aside. */
const FLAGS = {
  event_time_unreadable: { event_time_raw: '04.12.2026 10:00:00' },
  event_time_future: { event_time_raw: '2126-01-01T00:00:00.000Z' },
  operation_type_unknown: { field: 'operation_type', raw: 'price_update' },
  status_unknown: { field: 'status', raw: 'done?' },
  duration_ms_invalid: { field: 'duration_ms', raw: '-5' },
} as const;
export type TestIssue = keyof typeof FLAGS;
export const TEST_ISSUES = Object.keys(FLAGS) as TestIssue[];

/**
 * `record` as the shipper stores it when it flags these issues: the refused value left out of its
 * typed field and kept as text under `invalid.<field>` (or `event_time_raw`), the codes in
 * `validation_issues`.
 */
export function flagged(record: SyncLogRecord, ...issues: TestIssue[]): SyncLogRecord {
  const out: Record<string, unknown> = { ...record };
  const invalid: Record<string, string> = { ...record.invalid };
  for (const issue of issues) {
    const flag: { event_time_raw?: string; field?: string; raw?: string } = FLAGS[issue];
    if (flag.event_time_raw) out.event_time_raw = flag.event_time_raw;
    if (flag.field) {
      delete out[flag.field];
      invalid[flag.field] = flag.raw!;
    }
  }
  if (Object.keys(invalid).length > 0) out.invalid = invalid;
  out.validation_issues = [...new Set([...(record.validation_issues ?? []), ...issues])];
  return out as SyncLogRecord;
}
