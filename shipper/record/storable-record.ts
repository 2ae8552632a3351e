import { syncLogRecordSchema, type SyncLogRecord } from '../../opensearch/record/schema.ts';
import { invalidIssue, type FlaggedValues } from './flagged-values.ts';

type Service = { readonly name: string; readonly environment?: string; readonly version?: string };

/**
 * Makes a candidate the schema refused storable: each refused value is moved out of its field
 * into `invalid.*` and flagged, a few rounds (one fix can reveal the next). Only a record that
 * still cannot be stored comes back with the schema's reasons.
 */
export function storableRecord(
  candidate: Record<string, unknown>,
  service: Service,
  flags: FlaggedValues,
): { ok: true; record: SyncLogRecord } | { ok: false; reason: string } {
  for (let round = 0; ; round++) {
    const parsed = syncLogRecordSchema.safeParse(candidate);
    if (parsed.success) return { ok: true, record: parsed.data };
    if (round === 3 || !flagRefused(candidate, parsed.error.issues, service, flags)) {
      const reason = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`)
        .join('; ');
      return { ok: false, reason };
    }
    flags.applyTo(candidate);
  }
}

/** Fields synclog itself sets: a refusal there is a bug, never the application's value, and is not hidden. */
const OWN_FIELDS = new Set([
  '@timestamp',
  'ingested_at',
  'event_id',
  'producer_id',
  'producer_seq',
  'level',
  'message',
  'validation_issues',
  'invalid',
  'event_time_raw',
  'operation_key',
]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function flagRefused(
  candidate: Record<string, unknown>,
  issues: readonly { path: PropertyKey[] }[],
  service: Service,
  flags: FlaggedValues,
): boolean {
  let changed = false;
  for (const issue of issues) {
    const path = issue.path.map(String);
    const top = path[0];
    if (top === undefined || OWN_FIELDS.has(top)) continue;
    if (top === 'service') {
      flags.add('service', candidate.service, invalidIssue('service'));
      candidate.service = service;
      changed = true;
      continue;
    }
    const parent = path.length === 2 ? candidate[top] : undefined;
    const leaf = path[1];
    if (leaf !== undefined && isPlainObject(parent) && parent[leaf] !== undefined) {
      // One bad part of an object (a customer's role, say): only that part is moved.
      const name = path.join('.');
      flags.add(name, parent[leaf], invalidIssue(name));
      delete parent[leaf];
      changed = true;
    } else if (candidate[top] !== undefined) {
      flags.add(top, candidate[top], invalidIssue(top));
      delete candidate[top];
      changed = true;
    }
  }
  return changed;
}
